using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ContactSync.IntegrationTests.HubSpot;
using ContactSync.IntegrationTests.Infrastructure;
using ContactSync.Testing;
using Xunit.Abstractions;

namespace ContactSync.IntegrationTests.Dashboard;

/// <summary>Who may open the dashboard at all: nobody without credentials unless loopback is allowed, and guessers are throttled.</summary>
[Collection(SourcesPostgresCollectionDefinition.Name)]
public sealed class DashboardAccessTests(PostgresServer postgres, ITestOutputHelper output)
{
    private const string Username = "operator";
    private const string Password = "operator-password-1";

    [Fact]
    public async Task Without_credentials_nobody_gets_in_unless_loopback_is_allowed_and_guessed_passwords_meet_a_429()
    {
        await using var rig = await CrmRig.StartAsync(postgres, output);
        var closed = rig.Environment();
        var port = FreeTcpPort.Next();
        await using (var worker = new WorkerProcess(closed, "run", "--urls", $"http://127.0.0.1:{port}"))
        {
            worker.Start();
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            await DashboardLogins.WaitForHealthAsync(worker, http.BaseAddress!);
            foreach (var path in new[] { "contactsync/api/runs", "contactsync", "hangfire" })
            {
                using var refused = await http.GetAsync(path);
                Assert.True(refused.StatusCode == HttpStatusCode.Unauthorized, $"{path}: {(int)refused.StatusCode}");
            }
        }

        var open = new Dictionary<string, string>(closed) { ["Dashboard__AllowAnonymousLoopback"] = "true" };
        port = FreeTcpPort.Next();
        await using (var worker = new WorkerProcess(open, "run", "--urls", $"http://127.0.0.1:{port}"))
        {
            worker.Start();
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            await DashboardLogins.WaitForHealthAsync(worker, http.BaseAddress!);
            using var allowed = await http.GetAsync("contactsync/api/runs");
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        var guarded = new Dictionary<string, string>(closed) { ["Dashboard__Username"] = Username, ["Dashboard__Password"] = Password };
        port = FreeTcpPort.Next();
        await using (var worker = new WorkerProcess(guarded, "run", "--urls", $"http://127.0.0.1:{port}"))
        {
            worker.Start();
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            await DashboardLogins.WaitForHealthAsync(worker, http.BaseAddress!);
            var statuses = new List<HttpStatusCode>();
            for (var attempt = 0; attempt < 7; attempt++)
            {
                using var guess = new HttpRequestMessage(HttpMethod.Get, "contactsync/api/runs");
                guess.Headers.Authorization = Basic(Username, $"wrong-guess-{attempt}");
                using var answer = await http.SendAsync(guess);
                statuses.Add(answer.StatusCode);
                if (answer.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    Assert.True(answer.Headers.RetryAfter?.Delta > TimeSpan.Zero);
                }
            }

            Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, 5), HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
            // Throttled means throttled: the right password waits out the minute too.
            using var right = new HttpRequestMessage(HttpMethod.Get, "contactsync/api/runs");
            right.Headers.Authorization = Basic(Username, Password);
            using var refused = await http.SendAsync(right);
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            await worker.WaitForOutputAsync("Dashboard logins from 127.0.0.1 refused (429)", TimeSpan.FromSeconds(10));
            Assert.DoesNotContain("wrong-guess", worker.StandardOutput + worker.StandardError, StringComparison.Ordinal);
        }
    }

    private static AuthenticationHeaderValue Basic(string username, string password)
        => new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}")));
}
