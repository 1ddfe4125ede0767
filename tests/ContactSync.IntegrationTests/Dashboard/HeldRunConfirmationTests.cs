using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ContactSync.IntegrationTests.HubSpot;
using ContactSync.IntegrationTests.Infrastructure;
using ContactSync.Testing;
using Xunit.Abstractions;
using static ContactSync.IntegrationTests.Dashboard.DashboardHtml;

namespace ContactSync.IntegrationTests.Dashboard;

/// <summary>A run held for removing more than its limits allow, confirmed from its page by the operator.</summary>
[Collection(SourcesPostgresCollectionDefinition.Name)]
public sealed class HeldRunConfirmationTests(PostgresServer postgres, ITestOutputHelper output)
{
    private const string Source = "file";

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
