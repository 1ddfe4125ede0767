using System.Net.Sockets;
using ContactSync.Core.Nexudus;
using ContactSync.Core.Nexudus.Http;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace ContactSync.Core.Tests.Nexudus;

public sealed class CallFailureTests
{
    public static TheoryData<Exception, bool> Failures() => new()
    {
        { new BrokenCircuitException(), true },
        { new NexudusRequestNotSentException(), true },
        { new NexudusUnavailableException("Nexudus token endpoint answered 503 to a password grant"), true },
        { new HttpRequestException("Connection refused", new SocketException((int)SocketError.ConnectionRefused)), true },
        { new HttpRequestException(HttpRequestError.NameResolutionError, "No such host"), true },
        { new TimeoutRejectedException(), false },
        { new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely."), false },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Knows_which_failures_prove_the_request_was_never_processed(Exception exception, bool certainlyNotSent)
        => Assert.Equal(certainlyNotSent, CallFailure.From(exception, CancellationToken.None).CertainlyNotSent);

    [Fact]
    public void Rethrows_authentication_failures()
        => Assert.Throws<NexudusAuthenticationException>(
            () => CallFailure.From(new NexudusAuthenticationException("refused"), CancellationToken.None));

    [Fact]
    public void Rethrows_a_spent_API_budget_from_inside_Refit_s_wrapper()
    {
        var spent = new NexudusBudgetExhaustedException("writes per day", 10, new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

        var thrown = Assert.Throws<NexudusBudgetExhaustedException>(
            () => CallFailure.From(new Refit.ApiRequestException(new HttpRequestMessage(), HttpMethod.Post, new Refit.RefitSettings(), spent), CancellationToken.None));

        Assert.Same(spent, thrown);
    }

    [Fact]
    public void Rethrows_the_callers_cancellation_of_a_call_that_may_have_been_sent()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(
            () => CallFailure.From(new TaskCanceledException("the caller gave up"), cancellation.Token));
    }

    [Fact]
    public void Still_says_certainly_not_sent_when_the_caller_gave_up_before_the_call_left()
    {
        // At shutdown most lanes are waiting at the budget: their records must be released, not left in doubt.
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        var failure = CallFailure.From(new NexudusRequestNotSentException(), cancellation.Token);

        Assert.True(failure.CertainlyNotSent);
    }
}
