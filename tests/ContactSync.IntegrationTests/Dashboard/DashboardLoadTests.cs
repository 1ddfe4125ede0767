using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using ContactSync.IntegrationTests.HubSpot;
using ContactSync.IntegrationTests.Infrastructure;
using ContactSync.Testing;
using Xunit.Abstractions;

namespace ContactSync.IntegrationTests.Dashboard;

/// <summary>
/// A crowd of dashboard readers cannot starve the sync: over a ledger of 100,000 records, a thousand concurrent reads of
/// the records API answer 200 or 429 (never an error), readiness stays ready, and a run queued meanwhile completes.
/// </summary>
[Collection(SourcesPostgresCollectionDefinition.Name)]
public sealed partial class DashboardLoadTests(PostgresServer postgres, ITestOutputHelper output)
{
    private const int LedgerRecords = 100_000;
    private const int Readers = 1_000;
    private const string Username = "operator";
    private const string Password = "operator-password-1";

    private static readonly string[] Queries =
    [
        "contactsync/api/records", "contactsync/api/records?status=failed", "contactsync/api/records?source=bulk&status=synced",
        "contactsync/api/records?q=key-00042", "contactsync/api/records?status=held", "contactsync/api/records?status=unkeyed",
        "contactsync/api/runs", "contactsync/",
    ];

    [Fact]
    public async Task A_thousand_concurrent_readers_get_no_error_and_readiness_holds_while_a_queued_run_completes()
    {
        await using var rig = await CrmRig.StartAsync(postgres, output);
        var directory = Directory.CreateTempSubdirectory("contactsync-load-");
        try
        {
            var csv = Path.Combine(directory.FullName, "contacts.csv");
            await File.WriteAllTextAsync(csv, "source_id,coworker_contract_id,contact_type,full_name\n" +
                string.Concat(Enumerable.Range(1, 20).Select(i => $"l-{i},{1001 + (i % 5)},Director,Load Person {(char)('A' + i)}\n")));
            var environment = rig.Environment("Upsert");
            CrmRig.AddCsvSource(environment, "file", csv);
            environment["Dashboard__Username"] = Username;
            environment["Dashboard__Password"] = Password;
            await BulkLedger.SeedAsync(rig.DataSource, LedgerRecords);

            var port = FreeTcpPort.Next();
            await using var worker = new WorkerProcess(environment, "run", "--urls", $"http://127.0.0.1:{port}");
            worker.Start();
            var cookies = new CookieContainer();
            using var http = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = false, MaxConnectionsPerServer = Readers })
            {
                BaseAddress = new Uri($"http://127.0.0.1:{port}/"),
                Timeout = TimeSpan.FromMinutes(2),
            };
            await DashboardLogins.WaitForHealthAsync(worker, http.BaseAddress!);
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Username}:{Password}")));
            var token = WebUtility.HtmlDecode(TokenField().Match(await http.GetStringAsync("contactsync/")).Groups[1].Value);

            // Readiness is probed all along, by a client of its own, as Kubernetes would.
            using var probe = new HttpClient { BaseAddress = http.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
            using var stop = new CancellationTokenSource();
            var unready = new ConcurrentBag<string>();
            var probes = ProbeAsync(probe, unready, stop.Token);

            var statuses = new ConcurrentDictionary<int, int>();
            var load = Task.WhenAll(Enumerable.Range(0, Readers).Select(async i =>
            {
                using var response = await http.GetAsync(Queries[i % Queries.Length]);
                statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
            }));
            using (var queued = await http.PostAsync("contactsync/actions/run", new FormUrlEncodedContent(new Dictionary<string, string>
                   {
                       ["__RequestVerificationToken"] = token, ["source"] = "file",
                   })))
            {
                Assert.True(queued.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.TooManyRequests, $"run now: {(int)queued.StatusCode}");
                if (queued.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    // The dashboard was full: the operator's click is answered "try again", and is tried again once the crowd has passed.
                    await load;
                    using var again = await http.PostAsync("contactsync/actions/run", new FormUrlEncodedContent(new Dictionary<string, string>
                    {
                        ["__RequestVerificationToken"] = token, ["source"] = "file",
                    }));
                    Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
                }
            }

            await load;
            await Eventually.WaitUntilAsync(async () => await RunOutcomeAsync(rig) is not null, TimeSpan.FromMinutes(3), "the queued run of 'file' has finished");
            var outcome = await RunOutcomeAsync(rig);
            await stop.CancelAsync();
            await probes;

            output.WriteLine($"answers: {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"))}; not ready {unready.Count} time(s)");
            Assert.Equal(Readers, statuses.Values.Sum());
            Assert.All(statuses.Keys, status => Assert.True(status is 200 or 429, $"{status} answered {statuses[status]} time(s)"));
            Assert.True(statuses.GetValueOrDefault(200) > 0, "No reader was served at all");
            Assert.Empty(unready);
            Assert.Equal("succeeded", outcome);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static async Task ProbeAsync(HttpClient probe, ConcurrentBag<string> unready, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var response = await probe.GetAsync("health/ready", stop);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    unready.Add($"{(int)response.StatusCode}");
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                unready.Add(e.GetType().Name);
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static async Task<string?> RunOutcomeAsync(CrmRig rig)
    {
        await using var command = rig.DataSource.CreateCommand(
            "select status from sync_runs where source = 'file' and finished_at is not null order by started_at desc limit 1");
        return await command.ExecuteScalarAsync() as string;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
