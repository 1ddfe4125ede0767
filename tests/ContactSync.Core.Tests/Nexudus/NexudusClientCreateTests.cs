using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using ContactSync.Core.Nexudus;
using ContactSync.Core.Nexudus.Budget;
using ContactSync.Core.Nexudus.Http;

namespace ContactSync.Core.Tests.Nexudus;

public sealed class NexudusClientCreateTests
{
    [Fact]
    public async Task Creates_a_contact_and_returns_the_new_Id()
    {
        await using var nexudus = NexudusHarness.Create();
        nexudus.Api.Then(HttpStatusCode.OK, Json.Created42);

        var result = await nexudus.Client.CreateContractContactAsync(Payloads.Director(), CancellationToken.None);

        Assert.Equal(WriteResult.Success(42), result);
        var request = Assert.Single(nexudus.Api.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("/api/billing/contractcontacts", request.Uri.AbsolutePath);
        Assert.Equal("token-1", request.BearerToken);
    }

    [Fact]
    public async Task Sends_PascalCase_numbers_for_enums_and_leaves_out_empty_fields()
    {
        await using var nexudus = NexudusHarness.Create();
        nexudus.Api.Then(HttpStatusCode.OK, Json.Created42);

        await nexudus.Client.CreateContractContactAsync(Payloads.Director(), CancellationToken.None);

        var body = Json.Object(nexudus.Api.Requests[0].Body);
        Assert.Equal(77, (int)body["CoworkerContractId"]!);
        Assert.Equal("Ada Example", (string)body["FullName"]!);
        Assert.Equal(1, (int)body["ContractContactType"]!);
        Assert.Equal(0, (int)body["AmlCheckStatus"]!);
        Assert.Equal("1970-05-01T00:00:00", (string)body["DateOfBirth"]!);
        Assert.False(body.ContainsKey("Email"));
        Assert.False(body.ContainsKey("fullName"));
    }

    [Fact]
    public async Task Treats_a_200_with_WasSuccessful_false_as_a_rejection()
    {
        await using var nexudus = NexudusHarness.Create();
        nexudus.Api.Then(
            HttpStatusCode.OK,
            """{"Status":200,"Message":"Failed","Value":null,"WasSuccessful":false,"Errors":[{"AttemptedValue":null,"Message":"is required","PropertyName":"FullName"}]}""");

        var result = await nexudus.Client.CreateContractContactAsync(Payloads.Director(), CancellationToken.None);

        Assert.Equal(WriteStatus.Rejected, result.Status);
        Assert.Equal("FullName: is required", result.Reason);
    }

    [Fact]
    public async Task Reports_validation_errors_without_the_attempted_values()
    {
        await using var nexudus = NexudusHarness.Create();
        nexudus.Api.Then(
            HttpStatusCode.BadRequest,
            """
            {"Status":500,"Message":"Email: 'ada@example' is not a valid email","Value":null,"WasSuccessful":false,
             "Errors":[{"AttemptedValue":"","Message":"is required","PropertyName":"PostCode"},
                       {"AttemptedValue":"ada@example","Message":"'ada@example' is not a valid email","PropertyName":"Email"}]}
            """);

        var result = await nexudus.Client.CreateContractContactAsync(Payloads.Director(), CancellationToken.None);

        Assert.Equal(WriteStatus.Rejected, result.Status);
        Assert.Equal("PostCode: is required; Email: '[value]' is not a valid email", result.Reason);
        Assert.Single(nexudus.Api.Requests);
    }

    [Fact]
    public async Task Reports_a_create_that_met_a_503_as_ambiguous_without_sending_it_again()
    {
        await using var nexudus = NexudusHarness.Create();
        nexudus.Api.Then(HttpStatusCode.ServiceUnavailable).Then(HttpStatusCode.OK, Json.Created42);

        var result = await nexudus.Client.CreateContractContactAsync(Payloads.Director(), CancellationToken.None);

        Assert.Equal(WriteStatus.Ambiguous, result.Status);
        Assert.Single(nexudus.Api.Requests);
    }

    [Fact]
    public async Task Reports_a_create_that_timed_out_as_ambiguous_without_sending_it_again()
    {
        await using var nexudus = NexudusHarness.Create(new Dictionary<string, string?> { ["Nexudus:AttemptTimeout"] = "00:00:00.100" });
        nexudus.Api.ThenHang().Then(HttpStatusCode.OK, Json.Created42);

        var result = await nexudus.Client.CreateContractContactAsync(Payloads.Director(), CancellationToken.None);

        Assert.Equal(WriteStatus.Ambiguous, result.Status);
        Assert.Contains("timed out", result.Reason, StringComparison.Ordinal);
        Assert.Single(nexudus.Api.Requests);
    }

    [Fact]
    public async Task Retries_a_throttled_create_after_Retry_After()
    {
        // Retry-After asks for 1 s; the cap keeps the test short while staying far above the 1 ms backoff.
        var gap = await ResendGapAsync("00:00:00.200", () =>
        {
            var throttled = ScriptedHttpHandler.Respond(HttpStatusCode.Conflict);
            throttled.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(1));
            return throttled;
        });

        Assert.True(gap >= TimeSpan.FromMilliseconds(180), $"re-sent after {gap}");
    }

    [Theory]
    [InlineData("{\"Message\":\"API calls quota exceeded! Wait 2 seconds before trying again.\"}")]
    [InlineData("Too many requests. Please wait 2 seconds.")]
    public async Task Retries_a_create_throttled_with_429_after_the_wait_its_body_states(string body)
    {
        // Live accounts answer 429 with no Retry-After. Without reading the body the client would wait only the 1 s it
        // pauses for any throttling answer that states no wait.
        var gap = await ResendGapAsync("00:00:05", () => new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Content = new StringContent(body) });

        Assert.True(gap >= TimeSpan.FromSeconds(2), $"re-sent after {gap}");
    }

    /// <summary>How long after a throttling answer the create was sent again (and then succeeded, in two requests).</summary>
    private static async Task<TimeSpan> ResendGapAsync(string maxRetryDelay, Func<HttpResponseMessage> throttled)
    {
        await using var nexudus = NexudusHarness.Create(new Dictionary<string, string?> { ["Nexudus:MaxRetryDelay"] = maxRetryDelay });
        var sentAt = new List<TimeSpan>();
        var clock = Stopwatch.StartNew();
        nexudus.Api
            .Then(_ =>
            {
                sentAt.Add(clock.Elapsed);
                return throttled();
            })
            .Then(_ =>
            {
                sentAt.Add(clock.Elapsed);
                return ScriptedHttpHandler.Respond(HttpStatusCode.OK, Json.Created42);
            });

        var result = await nexudus.Client.CreateContractContactAsync(Payloads.Director(), CancellationToken.None);

        Assert.Equal(WriteResult.Success(42), result);
        Assert.Equal(2, nexudus.Api.Requests.Count);
        return sentAt[1] - sentAt[0];
    }

    [Fact]
    public async Task Times_an_attempt_from_when_the_rate_limit_lets_it_go_not_while_it_waits_for_budget()
    {
        // The second create waits about 400 ms for its slot, four times the attempt timeout, and one retry is allowed:
        // were the wait part of the attempt, both would be abandoned before anything was sent.
        await using var nexudus = NexudusHarness.Create(new Dictionary<string, string?>
        {
            ["Nexudus:AttemptTimeout"] = "00:00:00.100",
            ["Nexudus:MinCallInterval"] = "00:00:00.400",
            ["Nexudus:MaxRetries"] = "1",
        });
        nexudus.Api.Then(HttpStatusCode.OK, Json.Created42).Then(HttpStatusCode.OK, Json.Created42);

        var first = await nexudus.Client.CreateContractContactAsync(Payloads.Director(), CancellationToken.None);
        var second = await nexudus.Client.CreateContractContactAsync(Payloads.Director(), CancellationToken.None);

        Assert.Equal((WriteStatus.Succeeded, WriteStatus.Succeeded), (first.Status, second.Status));
        Assert.Equal(2, nexudus.Api.Requests.Count);
    }

    [Fact]
    public async Task Reports_a_create_throttled_on_every_attempt_as_not_applied()
    {
        await using var nexudus = NexudusHarness.Create(new Dictionary<string, string?> { ["Nexudus:MaxRetries"] = "2" });
        nexudus.Api.Otherwise = _ => ScriptedHttpHandler.Respond(HttpStatusCode.Conflict);

        var result = await nexudus.Client.CreateContractContactAsync(Payloads.Director(), CancellationToken.None);

        Assert.Equal(WriteStatus.NotApplied, result.Status);
        Assert.Equal(3, nexudus.Api.Requests.Count);
    }

    [Fact]
    public async Task Sends_nothing_and_says_when_the_daily_write_budget_is_spent()
    {
        await using var nexudus = NexudusHarness.Create(new Dictionary<string, string?> { ["Nexudus:WritesPerDay"] = "1" });
        nexudus.Api.Then(HttpStatusCode.OK, Json.Created42);
        await nexudus.Client.CreateContractContactAsync(Payloads.Director(), CancellationToken.None);

        var spent = await Assert.ThrowsAsync<NexudusBudgetExhaustedException>(
            () => nexudus.Client.CreateContractContactAsync(Payloads.Director(), CancellationToken.None));

        Assert.Single(nexudus.Api.Requests);
        Assert.Contains("1 writes per day", spent.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retries_a_create_whose_connection_was_refused()
    {
        await using var nexudus = NexudusHarness.Create();
        nexudus.Api
            .ThenThrow(new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused"))
            .Then(HttpStatusCode.OK, Json.Created42);

        var result = await nexudus.Client.CreateContractContactAsync(Payloads.Director(), CancellationToken.None);

        Assert.Equal(WriteResult.Success(42), result);
        Assert.Equal(2, nexudus.Api.Requests.Count);
    }

    [Fact]
    public async Task Reports_a_create_that_lost_its_connection_after_sending_as_ambiguous()
    {
        await using var nexudus = NexudusHarness.Create();
        nexudus.Api
            .ThenThrow(new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely."))
            .Then(HttpStatusCode.OK, Json.Created42);

        var result = await nexudus.Client.CreateContractContactAsync(Payloads.Director(), CancellationToken.None);

        Assert.Equal(WriteStatus.Ambiguous, result.Status);
        Assert.Single(nexudus.Api.Requests);
    }

    [Fact]
    public async Task Throws_an_authentication_error_on_403()
    {
        await using var nexudus = NexudusHarness.Create();
        nexudus.Api.Then(HttpStatusCode.Forbidden);

        var error = await Assert.ThrowsAsync<NexudusAuthenticationException>(
            () => nexudus.Client.CreateContractContactAsync(Payloads.Director(), CancellationToken.None));

        Assert.Contains("403", error.Message, StringComparison.Ordinal);
        Assert.Single(nexudus.Api.Requests);
    }

    [Fact]
    public async Task Lets_the_callers_cancellation_escape()
    {
        await using var nexudus = NexudusHarness.Create();
        nexudus.Api.ThenHang();
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => nexudus.Client.CreateContractContactAsync(Payloads.Director(), cancellation.Token));
    }
}
