using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ContactSync.IntegrationTests.HubSpot;
using ContactSync.IntegrationTests.Infrastructure;
using ContactSync.Testing;
using Xunit.Abstractions;

namespace ContactSync.IntegrationTests.Dashboard;

/// <summary>The operator's view as JSON: every record findable by state, the counts agreeing with the ledger, no personal data.</summary>
[Collection(SourcesPostgresCollectionDefinition.Name)]
public sealed class OperatorApiTests(PostgresServer postgres, ITestOutputHelper output)
{
    private const string Username = "operator";
    private const string Password = "operator-password-1";

    [Fact]
    public async Task Records_and_runs_are_paged_by_state_as_the_ledger_counts_them_with_keys_and_reasons_only()
    {
        await using var rig = await CrmRig.StartAsync(postgres, output);
        var directory = Directory.CreateTempSubdirectory("contactsync-api-");
        try
        {
            var csv = Path.Combine(directory.FullName, "contacts.csv");
            await File.WriteAllTextAsync(csv,
                "source_id,coworker_contract_id,contact_type,full_name\n" +
                "a-1,1001,Director,Ada Lovelace\n" +
                ",1001,Director,No Key\n" +
                "a-3,1001,Director,\"Unclosed\n");
            var environment = rig.Environment("Upsert");
            CrmRig.AddCsvSource(environment, "file", csv);
            await rig.SyncOnceAsync(environment);
            await rig.SyncOnceAsync(environment, "file");

            environment["Dashboard__Username"] = Username;
            environment["Dashboard__Password"] = Password;
            environment["Logging__Format"] = "json";
            var port = FreeTcpPort.Next();
            await using var worker = new WorkerProcess(environment, "run", "--urls", $"http://127.0.0.1:{port}");
            worker.Start();
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            await DashboardLogins.WaitForHealthAsync(worker, http.BaseAddress!);

            using (var anonymous = await http.GetAsync("contactsync/api/records"))
            {
                Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            }

            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Username}:{Password}")));
            var ledger = await rig.RecordsAsync();
            foreach (var status in new[] { "synced", "rejected" })
            {
                var expected = ledger.Where(record => record.Value.Status == status).Select(record => record.Key).Order(StringComparer.Ordinal).ToList();
                var (total, keys, pages) = await AllAsync(http, $"contactsync/api/records?source=crm&status={status}&limit=5");
                Assert.Equal(expected.Count, total);
                Assert.Equal(expected, keys);
                Assert.Equal((expected.Count + 4) / 5, pages);
            }

            // The CSV's rows without a usable key are found by line, with their reasons.
            var unkeyed = await http.GetFromJsonAsync<JsonElement>("contactsync/api/records?source=file&status=unkeyed");
            Assert.Equal(2, unkeyed.GetProperty("total").GetInt64());
            Assert.All(unkeyed.GetProperty("items").EnumerateArray(), item => Assert.False(string.IsNullOrEmpty(item.GetProperty("reason").GetString())));
            Assert.Equal([3L, 4L], unkeyed.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("line").GetInt64()));

            var search = await http.GetFromJsonAsync<JsonElement>("contactsync/api/records?q=100031");
            Assert.Equal(2, search.GetProperty("total").GetInt64());

            var runs = await http.GetFromJsonAsync<JsonElement>("contactsync/api/runs?source=crm");
            Assert.Equal(1, runs.GetProperty("total").GetInt64());
            var run = runs.GetProperty("items")[0];
            Assert.Equal("completed_with_errors", run.GetProperty("outcome").GetString());
            var inRun = await http.GetFromJsonAsync<JsonElement>($"contactsync/api/records?run={run.GetProperty("id").GetGuid()}");
            Assert.Equal(ledger.Count, inRun.GetProperty("total").GetInt64());

            // Lists never carry names or emails: not the CRM's, not the CSV's.
            var body = await http.GetStringAsync("contactsync/api/records?limit=500");
            foreach (var personal in new[] { "Lovelace", "O'Neill", "O\\u0027Neill", "company3.example", "1979-11-02" })
            {
                Assert.DoesNotContain(personal, body, StringComparison.OrdinalIgnoreCase);
            }

            // "Needs attention" counts what the runs count: the CRM's rejections, and the file's rows without a key.
            var attention = await http.GetStringAsync("contactsync/attention");
            var crmRejected = ledger.Count(record => record.Value.Status == "rejected");
            Assert.Contains($"0 failed, 0 in flight, 0 waiting, {crmRejected} rejected, 0 in conflict, 0 rows without a usable key", attention, StringComparison.Ordinal);
            Assert.Contains("0 failed, 0 in flight, 0 waiting, 0 rejected, 0 in conflict, 2 rows without a usable key", attention, StringComparison.Ordinal);

            // Hangfire's pages may not be framed or sniffed, and carry the ContactSync link with its attention badge.
            using (var hangfire = await http.GetAsync("hangfire"))
            {
                Assert.Equal(HttpStatusCode.OK, hangfire.StatusCode);
                Assert.Equal("DENY", hangfire.Headers.GetValues("X-Frame-Options").Single());
                Assert.Equal("nosniff", hangfire.Headers.GetValues("X-Content-Type-Options").Single());
                Assert.Contains("frame-ancestors 'none'", hangfire.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
                Assert.Contains("ContactSync", await hangfire.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }

            // The runs page filters by source and outcome.
            Assert.Contains("1 run(s) of crm.", await http.GetStringAsync("contactsync/?source=crm"), StringComparison.Ordinal);
            Assert.Contains("0 run(s) of crm, succeeded.", await http.GetStringAsync("contactsync/?source=crm&outcome=succeeded"), StringComparison.Ordinal);

            // The same standing figures for Prometheus, without a login.
            using var scraper = new HttpClient { BaseAddress = http.BaseAddress };
            var metrics = await scraper.GetStringAsync("metrics");
            output.WriteLine(string.Join('\n', metrics.Split('\n').Where(line => line.StartsWith("contactsync_", StringComparison.Ordinal))));
            Assert.Contains($"\ncontactsync_records_attention{{source=\"crm\",status=\"rejected\"}} {crmRejected}\n", metrics, StringComparison.Ordinal);
            Assert.Contains("\ncontactsync_records_attention{source=\"file\",status=\"unkeyed\"} 2\n", metrics, StringComparison.Ordinal);
            Assert.Contains("\ncontactsync_budget_remaining{window=\"writes_day\"} ", metrics, StringComparison.Ordinal);
            Assert.Contains("\ncontactsync_hangfire_jobs{state=\"failed\"} 0\n", metrics, StringComparison.Ordinal);

            // The host logs compact JSON, one event a line, with nothing personal in it.
            var events = worker.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Assert.NotEmpty(events);
            Assert.All(events, line => Assert.True(JsonDocument.Parse(line).RootElement.TryGetProperty("@t", out _), line));
            Assert.DoesNotContain("Lovelace", worker.StandardOutput, StringComparison.Ordinal);

            using var bad = await http.GetAsync("contactsync/api/records?status=lost");
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            using var badCursor = await http.GetAsync("contactsync/api/records?after=not-a-cursor");
            Assert.Equal(HttpStatusCode.BadRequest, badCursor.StatusCode);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

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
                Assert.True(refused.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, $"{path}: {(int)refused.StatusCode}");
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

    private static async Task<(long Total, List<string> Keys, int Pages)> AllAsync(HttpClient http, string path)
    {
        var keys = new List<string>();
        long total = 0;
        var pages = 0;
        string? next = null;
        do
        {
            var page = await http.GetFromJsonAsync<JsonElement>(next is null ? path : $"{path}&after={Uri.EscapeDataString(next)}");
            total = page.GetProperty("total").GetInt64();
            keys.AddRange(page.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("source_id").GetString()!));
            next = page.GetProperty("next").ValueKind == JsonValueKind.Null ? null : page.GetProperty("next").GetString();
            pages++;
        }
        while (next is not null && pages < 100);

        return (total, keys, pages);
    }
}
