using System.Net;
using ContactSync.IntegrationTests.Infrastructure;

namespace ContactSync.IntegrationTests.Dashboard;

/// <summary>The Basic login throttle against a real worker: a guess is counted before its password is evaluated.</summary>
[Collection(PostgresCollectionDefinition.Name)]
public sealed class LoginThrottleTests(PostgresServer postgres)
{
    private const int Limit = 5;
    private const int Guesses = 50;

    [Fact]
    public async Task Fifty_concurrent_wrong_passwords_get_at_most_the_limits_worth_of_evaluations_and_then_the_right_one_waits_too()
    {
        var environment = await DashboardLogins.WithHashedLoginAsync(await IdleWorkerEnvironment.CreateAsync(postgres), "operator", "operator-password-1");
        environment["Dashboard__FailedLoginsPerMinute"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var baseAddress = new Uri($"http://127.0.0.1:{FreeTcpPort.Next()}/");
        await using var worker = new WorkerProcess(environment, "run", "--urls", baseAddress.ToString().TrimEnd('/'));
        worker.Start();
        await DashboardLogins.WaitForHealthAsync(worker, baseAddress);
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(1) };

        using var start = new SemaphoreSlim(0);
        var guesses = Enumerable.Range(0, Guesses).Select(async guess =>
        {
            await start.WaitAsync();
            using var request = new HttpRequestMessage(HttpMethod.Get, "contactsync/api/runs");
            request.Headers.Authorization = DashboardLogins.Basic("operator", $"wrong-password-{guess}");
            using var response = await http.SendAsync(request);
            return response.StatusCode;
        }).ToList();
        start.Release(Guesses);
        var answers = await Task.WhenAll(guesses);

        var refused = answers.Count(status => status == HttpStatusCode.Unauthorized);
        var throttled = answers.Count(status => status == HttpStatusCode.TooManyRequests);
        Assert.True(refused is >= 1 and <= Limit, $"{refused} answered 401, {throttled} answered 429");
        Assert.Equal(Guesses, refused + throttled);

        // Each evaluated failure is logged once (the last as the start of the refusal), so the log counts evaluations.
        await Eventually.WaitUntilAsync(() => Task.FromResult(Evaluations(worker) >= refused), TimeSpan.FromSeconds(10), "the failures are logged");
        Assert.Equal(refused, Evaluations(worker));

        using var right = new HttpRequestMessage(HttpMethod.Get, "contactsync/api/runs");
        right.Headers.Authorization = DashboardLogins.Basic("operator", "operator-password-1");
        using var answer = await http.SendAsync(right);
        Assert.Equal(HttpStatusCode.TooManyRequests, answer.StatusCode);
        Assert.NotNull(answer.Headers.RetryAfter);
    }

    private static int Evaluations(WorkerProcess worker)
    {
        var output = worker.StandardOutput;
        return CountOf(output, "Failed dashboard login from") + CountOf(output, "refused (429) after");
    }

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
