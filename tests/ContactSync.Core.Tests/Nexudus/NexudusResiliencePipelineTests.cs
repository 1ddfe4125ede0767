using System.Net;
using System.Net.Http.Headers;
using ContactSync.Core.Nexudus;
using ContactSync.Core.Nexudus.Http;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Testing;
using Polly.Timeout;

namespace ContactSync.Core.Tests.Nexudus;

public sealed class NexudusResiliencePipelineTests
{
    private static readonly NexudusOptions Options = new()
    {
        BaseUrl = "https://nexudus.test",
        Username = "u",
        Password = "p",
        MaxRetries = 6,
        AttemptTimeout = TimeSpan.FromSeconds(30),
        TotalTimeout = TimeSpan.FromMinutes(3),
        MaxRetryDelay = TimeSpan.FromSeconds(60),
    };

    private static readonly RetryStrategyOptions<HttpResponseMessage> Retry = (RetryStrategyOptions<HttpResponseMessage>)
        NexudusResiliencePipeline.Build(Options, TimeProvider.System).GetPipelineDescriptor().Strategies[1].Options!;

    [Fact]
    public void Nests_total_timeout_retry_and_circuit_breaker_in_that_order()
    {
        var descriptor = NexudusResiliencePipeline.Build(Options, TimeProvider.System).GetPipelineDescriptor();

        Assert.Collection(
            descriptor.Strategies,
            total => Assert.Equal(TimeSpan.FromMinutes(3), Assert.IsType<TimeoutStrategyOptions>(total.Options).Timeout),
            retry =>
            {
                var options = Assert.IsType<RetryStrategyOptions<HttpResponseMessage>>(retry.Options);
                Assert.Equal(6, options.MaxRetryAttempts);
                Assert.Equal(DelayBackoffType.Exponential, options.BackoffType);
                Assert.True(options.UseJitter);
            },
            breaker =>
            {
                var options = Assert.IsType<CircuitBreakerStrategyOptions<HttpResponseMessage>>(breaker.Options);
                Assert.Equal(0.5, options.FailureRatio);
                Assert.Equal(TimeSpan.FromSeconds(30), options.SamplingDuration);
                Assert.Equal(10, options.MinimumThroughput);
                Assert.Equal(TimeSpan.FromSeconds(30), options.BreakDuration);
            });
    }

    [Theory]
    [InlineData("POST", HttpStatusCode.ServiceUnavailable, false)]
    [InlineData("POST", HttpStatusCode.InternalServerError, false)]
    [InlineData("POST", HttpStatusCode.Conflict, true)]
    [InlineData("POST", HttpStatusCode.TooManyRequests, true)]
    [InlineData("POST", HttpStatusCode.BadRequest, false)]
    [InlineData("GET", HttpStatusCode.ServiceUnavailable, true)]
    [InlineData("GET", HttpStatusCode.Conflict, true)]
    [InlineData("GET", HttpStatusCode.NotFound, false)]
    [InlineData("GET", HttpStatusCode.NotImplemented, false)]
    [InlineData("PUT", HttpStatusCode.BadGateway, true)]
    [InlineData("DELETE", HttpStatusCode.GatewayTimeout, true)]
    [InlineData("PUT", HttpStatusCode.Unauthorized, false)]
    public async Task Retries_a_response_only_when_that_is_safe_for_the_method(string method, HttpStatusCode status, bool expected)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), "https://nexudus.test/api/billing/contractcontacts");
        using var response = new HttpResponseMessage(status) { RequestMessage = request };

        Assert.Equal(expected, await ShouldRetry(request, Outcome.FromResult(response)));
    }

    [Theory]
    [InlineData("POST", false)]
    [InlineData("GET", true)]
    [InlineData("PUT", true)]
    public async Task Retries_a_timed_out_attempt_only_when_the_method_is_idempotent(string method, bool expected)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), "https://nexudus.test/api/billing/contractcontacts");

        Assert.Equal(expected, await ShouldRetry(request, Outcome.FromException<HttpResponseMessage>(new TimeoutRejectedException())));
    }

    [Fact]
    public async Task Retries_a_create_that_never_reached_Nexudus()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://nexudus.test/api/billing/contractcontacts");

        Assert.True(await ShouldRetry(request, Outcome.FromException<HttpResponseMessage>(
            new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused"))));
        Assert.True(await ShouldRetry(request, Outcome.FromException<HttpResponseMessage>(new NexudusRequestNotSentException())));
        Assert.False(await ShouldRetry(request, Outcome.FromException<HttpResponseMessage>(
            new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely."))));
    }

    [Fact]
    public async Task Waits_as_long_as_Retry_After_asks_in_seconds()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.Conflict);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(3));

        var delay = await Delay(response);

        Assert.InRange(delay!.Value, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3.3));
    }

    [Fact]
    public void Waits_until_a_Retry_After_date()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(time.GetUtcNow().AddSeconds(10));

        var delay = NexudusResiliencePipeline.DelayFromRetryAfter(Outcome.FromResult(response), time, TimeSpan.FromMinutes(1));

        Assert.InRange(delay!.Value, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(11));
    }

    [Fact]
    public async Task Caps_a_long_Retry_After()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.Conflict);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromHours(1));

        Assert.Equal(TimeSpan.FromSeconds(60), await Delay(response));
    }

    [Fact]
    public async Task Falls_back_to_backoff_without_Retry_After()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.Conflict);

        Assert.Null(await Delay(response));
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable, true)]
    [InlineData(HttpStatusCode.Conflict, true)]
    [InlineData(HttpStatusCode.BadRequest, false)]
    [InlineData(HttpStatusCode.OK, false)]
    public void Opens_the_circuit_on_server_failures_and_throttling_only(HttpStatusCode status, bool expected)
    {
        using var response = new HttpResponseMessage(status);

        Assert.Equal(expected, NexudusResiliencePipeline.IsServerTrouble(Outcome.FromResult(response)));
        Assert.False(NexudusResiliencePipeline.IsServerTrouble(Outcome.FromException<HttpResponseMessage>(new NexudusRequestNotSentException())));
    }

    private static async Task<bool> ShouldRetry(HttpRequestMessage request, Outcome<HttpResponseMessage> outcome)
    {
        var context = ResilienceContextPool.Shared.Get();
        try
        {
            context.SetRequestMessage(request);
            return await Retry.ShouldHandle(new RetryPredicateArguments<HttpResponseMessage>(context, outcome, 0));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private static async Task<TimeSpan?> Delay(HttpResponseMessage response)
    {
        var context = ResilienceContextPool.Shared.Get();
        try
        {
            return await Retry.DelayGenerator!(new RetryDelayGeneratorArguments<HttpResponseMessage>(context, Outcome.FromResult(response), 0));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }
}
