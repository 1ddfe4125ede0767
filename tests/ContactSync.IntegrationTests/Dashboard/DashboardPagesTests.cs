using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ContactSync.Core.Security;
using ContactSync.IntegrationTests.HubSpot;
using ContactSync.IntegrationTests.Infrastructure;
using ContactSync.Testing;
using Xunit.Abstractions;

namespace ContactSync.IntegrationTests.Dashboard;

/// <summary>
/// The operator's pages over a run with every kind of trouble: the records page counts what the ledger holds, a record
/// shows its history, a run what it did, and the actions work, are audited, and need the form's token.
/// </summary>
[Collection(SourcesPostgresCollectionDefinition.Name)]
public sealed partial class DashboardPagesTests(PostgresServer postgres, ITestOutputHelper output)
{
    private const string Source = "file";

    [Fact]
    public async Task Pages_show_every_record_by_state_its_history_and_the_run_and_operators_act_through_audited_forms()
    {
        await using var rig = await CrmRig.StartAsync(postgres, output);
        var directory = Directory.CreateTempSubdirectory("contactsync-pages-");
        try
        {
            var csv = Path.Combine(directory.FullName, "contacts.csv");
            const string Header = "source_id,coworker_contract_id,contact_type,full_name,email\n";
            const string Good = "p-1,1001,Director,<b>Ada</b> Quill,ada.quill@example.com\np-2,1001,Director,Ben Quill,\n";
            const string Later = "p-3,1002,Director,Dana Quill,dana@example.com\np-4,1002,Director,Eli Quill,eli@example.com\n";
            const string Bad = "p-bad,1001,Director,Cleo Quill,not-an-email\n,1001,Director,No Key,\n";
            await File.WriteAllTextAsync(csv, Header + Good + Bad + Later);
            var environment = rig.Environment("Upsert");
            CrmRig.AddCsvSource(environment, Source, csv);
            await rig.SyncOnceAsync(environment, Source);

            // Two rows change, and Nexudus answers their updates 503 until the run gives up on them (an update is
            // idempotent, so a failed one is never in doubt and a retry sends it at once).
            await File.WriteAllTextAsync(csv, Header + Good + Bad + Later.Replace("@example.com", "@example.org", StringComparison.Ordinal));
            using (var faults = await rig.Sandbox.Client.PostAsJsonAsync(
                       "_sandbox/faults/next", new { Kind = "Error503", Count = 1000, Method = "PUT", Path = "/api/billing/contractcontacts" }))
            {
                faults.EnsureSuccessStatusCode();
            }

            await rig.SyncOnceAsync(environment, Source);
            using (var cleared = await rig.Sandbox.Client.DeleteAsync("_sandbox/faults/next"))
            {
                cleared.EnsureSuccessStatusCode();
            }

            var ledger = await rig.RecordsAsync(Source);
            Assert.Equal("failed", ledger["p-3"].Status);
            Assert.Equal("rejected", ledger["p-bad"].Status);

            environment["Dashboard__Username"] = "operator";
            environment["Dashboard__Password"] = "operator-password-1";
            environment["Dashboard__Users__0__Name"] = "viewer";
            environment["Dashboard__Users__0__Role"] = "Viewer";
            environment["Dashboard__Users__0__PasswordHash"] = PasswordHash.Create("viewer-password-1", PasswordHash.MinimumIterations).ToString();
            environment["Dashboard__KeyEncryptionKey"] = DashboardLogins.KeyEncryptionKey;
            var port = FreeTcpPort.Next();
            await using var worker = new WorkerProcess(environment, "run", "--urls", $"http://127.0.0.1:{port}");
            worker.Start();
            var cookies = new CookieContainer();
            using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false })
            {
                BaseAddress = new Uri($"http://127.0.0.1:{port}/"),
            };
            await DashboardLogins.WaitForHealthAsync(worker, http.BaseAddress!);
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("operator:operator-password-1")));

            // The records page counts, state by state, what the ledger holds (unkeyed: the latest run's rows by line).
            foreach (var status in new[] { "synced", "failed", "rejected", "pending", "in_flight" })
            {
                var expected = ledger.Count(record => record.Value.Status == status);
                var page = await PageAsync(http, $"contactsync/records?source={Source}&status={status}");
                Assert.Contains($"{expected} record(s) match.", Text(page), StringComparison.Ordinal);
            }

            var unkeyed = await PageAsync(http, $"contactsync/records?source={Source}&status=unkeyed");
            Assert.Contains("1 record(s) match.", Text(unkeyed), StringComparison.Ordinal);
            Assert.Contains("source_id", Text(unkeyed), StringComparison.Ordinal);
            var all = await PageAsync(http, $"contactsync/records?source={Source}");
            Assert.Contains($"{ledger.Count} record(s) match.", Text(all), StringComparison.Ordinal);
            Assert.DoesNotContain("Quill", all, StringComparison.Ordinal);
            Assert.DoesNotContain("example.com", all, StringComparison.Ordinal);

            // A failed record: each attempt with its operation and outcome, when it first failed, and its payload escaped.
            var record = await PageAsync(http, $"contactsync/records/{Source}/p-3");
            var recordText = Text(record);
            Assert.Matches(@"update\s+failed", recordText);
            Assert.Contains("First failed", recordText, StringComparison.Ordinal);
            Assert.Contains("Retry this record", record, StringComparison.Ordinal);
            var synced = await PageAsync(http, $"contactsync/records/{Source}/p-1");
            Assert.Contains("&lt;b&gt;Ada&lt;/b&gt; Quill", synced, StringComparison.Ordinal);
            Assert.DoesNotContain("<b>Ada</b>", synced, StringComparison.Ordinal);
            Assert.Matches(@"create\s+synced", Text(synced));
            // The payload as fields: the file's columns are the source's, the rest stay as Nexudus has them.
            Assert.Matches(@"Email\s+ada\.quill@example\.com\s+ada\.quill@example\.com\s+the source's", Text(synced));
            Assert.Matches(@"PhoneNumber\s+left as Nexudus has it", Text(synced));

            // The run that failed them: its counts, what it spent, and its records by how they ended.
            var runs = await http.GetFromJsonAsync<JsonElement>($"contactsync/api/runs?source={Source}");
            var latest = runs.GetProperty("items")[0];
            var runPage = Text(await PageAsync(http, $"contactsync/runs/{latest.GetProperty("id").GetGuid()}"));
            Assert.Contains("Outcome " + latest.GetProperty("outcome").GetString()!.Replace('_', ' '), runPage, StringComparison.Ordinal);
            Assert.Matches(@"Nexudus calls \d+ \(\d+ writes, \d+ reads\)", runPage);
            Assert.Matches(@"Records it touched, by how they ended Ended Records .*failed\s+[12]\b", runPage);
            Assert.Contains("none (started from the command line)", runPage, StringComparison.Ordinal);

            // The runs page draws the last 30 days and today's budget as SVG, with the same strict CSP.
            using (var runsResponse = await http.GetAsync("contactsync/"))
            {
                var body = await runsResponse.Content.ReadAsStringAsync();
                Assert.Contains("<svg", body, StringComparison.Ordinal);
                Assert.Contains($"{Source}: 2 runs, 2 not clean", Text(body), StringComparison.Ordinal);
                Assert.StartsWith("default-src 'none'", runsResponse.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
                Assert.DoesNotContain("<script", body, StringComparison.OrdinalIgnoreCase);
            }

            // An action needs the form's token; with it, the retry is done and written to the audit log.
            using (var forged = await http.PostAsync("contactsync/actions/retry", new FormUrlEncodedContent(new Dictionary<string, string> { ["source"] = Source })))
            {
                Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
            }

            var token = Token(record);
            using (var retry = await http.PostAsync("contactsync/actions/retry", new FormUrlEncodedContent(new Dictionary<string, string>
                   {
                       ["__RequestVerificationToken"] = token, ["source"] = Source, ["sourceId"] = "p-3",
                   })))
            {
                Assert.Equal(HttpStatusCode.Redirect, retry.StatusCode);
                Assert.Contains($"/contactsync/records/{Source}/p-3?done=retried&count=1", retry.Headers.Location!.ToString(), StringComparison.Ordinal);
            }

            // The retry's run (a Hangfire job) updates p-3 now that Nexudus answers; its run links to the job and back.
            _ = await EventuallyAsync(async () =>
            {
                var now = await rig.RecordsAsync(Source);
                return now["p-3"].Status == "synced" ? now : null;
            });
            var jobRuns = await http.GetFromJsonAsync<JsonElement>($"contactsync/api/runs?source={Source}&limit=1");
            var jobRun = jobRuns.GetProperty("items")[0].GetProperty("id").GetGuid();
            var jobRunPage = await PageAsync(http, $"contactsync/runs/{jobRun}");
            var jobId = JobLink().Match(jobRunPage).Groups[1].Value;
            Assert.False(string.IsNullOrEmpty(jobId), "the run's page links to its Hangfire job");
            var jobPage = await PageAsync(http, $"hangfire/jobs/details/{jobId}");
            Assert.Contains($"/contactsync/runs/{jobRun}", jobPage, StringComparison.Ordinal);
            Assert.Matches(@"retry\s+pending", Text(await PageAsync(http, $"contactsync/records/{Source}/p-3")));

            // A dry run from the dashboard: its plan is shown, and nothing is written.
            var writesBefore = await rig.Sandbox.GetStatsAsync();
            using (var dryRun = await http.PostAsync("contactsync/actions/dry-run", new FormUrlEncodedContent(new Dictionary<string, string>
                   {
                       ["__RequestVerificationToken"] = token, ["source"] = Source,
                   })))
            {
                Assert.Equal(HttpStatusCode.Redirect, dryRun.StatusCode);
                var plan = await EventuallyAsync(async () =>
                {
                    var text = Text(await PageAsync(http, dryRun.Headers.Location!.ToString().TrimStart('/')));
                    return text.Contains("The next run would", StringComparison.Ordinal) ? text : null;
                });
                Assert.Matches(@"Create\s+0\b", plan);
                Assert.Matches(@"Unchanged\s+[34]\b", plan);
                Assert.True(Regex.IsMatch(plan, @"Reject\s+2\b"), plan); // p-bad, and the line with no key
            }

            Assert.Equal(0, await rig.WritesSinceAsync(writesBefore));
            var audit = Text(await PageAsync(http, "contactsync/audit"));
            Assert.Matches($@"operator\s+dry run\s+{Source}", audit);
            Assert.Matches($@"operator\s+retry\s+{Source}\s+p-3\s+1 record\(s\) set back to pending", audit);
            Assert.Contains("2 action(s)", audit, StringComparison.Ordinal);
            Assert.DoesNotContain("Quill", worker.StandardOutput + worker.StandardError, StringComparison.Ordinal);

            // A viewer reads every page but sees no payload and no action, and an action posted anyway is refused.
            using var viewer = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
            {
                BaseAddress = http.BaseAddress,
            };
            viewer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("viewer:viewer-password-1")));
            var seen = await PageAsync(viewer, $"contactsync/records/{Source}/p-1");
            Assert.Contains("viewer · viewer", Text(seen), StringComparison.Ordinal);
            Assert.DoesNotContain("Quill", seen, StringComparison.Ordinal);
            Assert.DoesNotContain("<form method=\"post\" action=\"/contactsync/actions/", seen, StringComparison.Ordinal);
            Assert.DoesNotContain("Run file now", await PageAsync(viewer, "contactsync/"), StringComparison.Ordinal);
            using (var refused = await viewer.PostAsync("contactsync/actions/retry", new FormUrlEncodedContent(new Dictionary<string, string>
                   {
                       ["__RequestVerificationToken"] = Token(seen), ["source"] = Source,
                   })))
            {
                Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            }

            Assert.Contains("2 action(s)", Text(await PageAsync(viewer, "contactsync/audit")), StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_held_run_is_confirmed_from_its_page_and_the_run_it_queues_removes_what_the_source_lost()
    {
        await using var rig = await CrmRig.StartAsync(postgres, output);
        var directory = Directory.CreateTempSubdirectory("contactsync-held-");
        try
        {
            var csv = Path.Combine(directory.FullName, "contacts.csv");
            var rows = Enumerable.Range(1, 6).Select(i => string.Create(CultureInfo.InvariantCulture, $"h-{i},1001,Director,Held Person {i},\n")).ToList();
            await File.WriteAllTextAsync(csv, "source_id,coworker_contract_id,contact_type,full_name,email\n" + string.Concat(rows));
            var environment = rig.Environment("Mirror");
            CrmRig.AddCsvSource(environment, Source, csv, "Mirror");
            environment["ContactSync__Sources__1__MaxRemovals"] = "1";
            environment["ContactSync__Sources__1__MaxRemovalShare"] = "0.1";
            await rig.SyncOnceAsync(environment, Source);

            // Four of six gone: more than the limits allow, so the run removes none and holds.
            await File.WriteAllTextAsync(csv, "source_id,coworker_contract_id,contact_type,full_name,email\n" + string.Concat(rows.Take(2)));
            var held = await rig.SyncOnceAsync(environment, Source);
            Assert.Equal(5, held.ExitCode);

            environment["Dashboard__Username"] = "operator";
            environment["Dashboard__Password"] = "operator-password-1";
            var port = FreeTcpPort.Next();
            await using var worker = new WorkerProcess(environment, "run", "--urls", $"http://127.0.0.1:{port}");
            worker.Start();
            using var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
            {
                BaseAddress = new Uri($"http://127.0.0.1:{port}/"),
            };
            await DashboardLogins.WaitForHealthAsync(worker, http.BaseAddress!);
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("operator:operator-password-1")));

            var held4 = await PageAsync(http, $"contactsync/records?source={Source}&status=held");
            Assert.Contains("4 record(s) match.", Text(held4), StringComparison.Ordinal);
            var runs = await http.GetFromJsonAsync<JsonElement>($"contactsync/api/runs?source={Source}&limit=1");
            var heldRun = runs.GetProperty("items")[0].GetProperty("id").GetGuid();
            var runPage = await PageAsync(http, $"contactsync/runs/{heldRun}");
            Assert.Contains("Confirm removals and run", runPage, StringComparison.Ordinal);

            using (var confirmed = await http.PostAsync("contactsync/actions/confirm-removals", new FormUrlEncodedContent(new Dictionary<string, string>
                   {
                       ["__RequestVerificationToken"] = Token(runPage), ["source"] = Source, ["run"] = heldRun.ToString(),
                   })))
            {
                Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
            }

            var removed = await EventuallyAsync(async () =>
            {
                var now = await rig.RecordsAsync(Source);
                return now.Values.Count(record => record.Status == "removed") == 4 ? now : null;
            });
            Assert.Equal(2, removed.Values.Count(record => record.Status == "synced"));
            Assert.Matches($@"operator\s+confirm removals\s+{Source}\s+{heldRun}", Text(await PageAsync(http, "contactsync/audit")));

            // Confirming again is refused: the held run is no longer the source's latest.
            var again = await PageAsync(http, $"contactsync/runs/{heldRun}");
            Assert.DoesNotContain("Confirm removals and run", again, StringComparison.Ordinal);
            using var stale = await http.PostAsync("contactsync/actions/confirm-removals", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = Token(runPage), ["source"] = Source, ["run"] = heldRun.ToString(),
            }));
            Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [GeneratedRegex(@"/hangfire/jobs/details/(\d+)")]
    private static partial Regex JobLink();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    private static string Token(string page) => WebUtility.HtmlDecode(TokenField().Match(page).Groups[1].Value);

    /// <summary>A page's visible text, tags and styles removed, whitespace collapsed.</summary>
    private static string Text(string html)
        => Regex.Replace(WebUtility.HtmlDecode(Regex.Replace(Regex.Replace(html, "<style>.*?</style>", " ", RegexOptions.Singleline), "<[^>]+>", " ")), @"\s+", " ");

    private static async Task<string> PageAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe)
        where T : class
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("not within 60 s");
    }
}
