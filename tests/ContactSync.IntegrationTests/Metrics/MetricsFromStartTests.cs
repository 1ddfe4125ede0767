using System.Globalization;
using ContactSync.Core.Telemetry;
using ContactSync.IntegrationTests.ExactlyOnce;
using ContactSync.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace ContactSync.IntegrationTests.Metrics;

/// <summary>
/// A restarted worker's first scrape: every known series is there, at 0 where nothing happened in this process, and the
/// last success is the ledger's, not something a run in this process must first report.
/// </summary>
[Collection(PostgresCollectionDefinition.Name)]
public sealed class MetricsFromStartTests(PostgresServer postgres, ITestOutputHelper output)
{
    private const string NeverRan = "never-ran";

    [Fact]
    public async Task A_freshly_started_worker_exports_every_known_series_from_its_first_scrape()
    {
        await using var rig = await ExactlyOnceRig.StartAsync("metrics-from-start", postgres, output, records: 6, invalidShare: 0);
        const string source = ExactlyOnceRig.SourceName;

        // Earlier runs, by other processes: one that succeeded, then one that did not (an update Nexudus refused).
        Assert.Equal(0, (await rig.RunSyncOnceAsync()).ExitCode);
        var succeededAt = await LastSucceededAsync(rig);
        rig.Source.Edit(0, row => row with { City = "Leeds" });
        await rig.Source.WriteAsync(rig.CsvPath);
        await rig.QueueFaultsAsync("Refused", 1, "PUT", "/api/billing/contractcontacts");
        Assert.Equal(1, (await rig.RunSyncOnceAsync()).ExitCode);

        var environment = new Dictionary<string, string>(rig.WorkerEnvironment())
        {
            ["ContactSync__Sources__1__Name"] = NeverRan,
            ["ContactSync__Sources__1__Type"] = "Csv",
            ["ContactSync__Sources__1__Path"] = Path.Combine(Path.GetDirectoryName(rig.CsvPath)!, "none-yet.csv"),
            ["ContactSync__Sources__1__Schedule"] = "0 0 1 1 *",
        };
        var baseAddress = new Uri($"http://127.0.0.1:{FreeTcpPort.Next()}/");
        await using var worker = new WorkerProcess(environment, "run", "--urls", baseAddress.ToString().TrimEnd('/'));
        worker.Start();
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(10) };
        await Eventually.WaitUntilAsync(() => ReadyAsync(worker, http), TimeSpan.FromMinutes(2), "the worker is ready");

        var scraped = Series(await http.GetStringAsync("metrics"));
        output.WriteLine(string.Join('\n', scraped.Select(pair => $"{pair.Key} {pair.Value}")));

        foreach (var name in new[] { source, NeverRan })
        {
            foreach (var outcome in MetricLabels.RecordOutcomes)
            {
                Assert.Equal(0, Value(scraped, $"contactsync_records_total{{source=\"{name}\",outcome=\"{outcome}\"}}"));
            }

            Assert.Equal(0, Value(scraped, $"contactsync_run_duration_seconds_count{{source=\"{name}\"}}"));
            foreach (var status in MetricLabels.AttentionStatuses)
            {
                var expected = name == source && status == "rejected" ? 1 : 0;
                Assert.Equal(expected, Value(scraped, $"contactsync_records_attention{{source=\"{name}\",status=\"{status}\"}}"));
            }
        }

        // The ledger's last success (the later run did not succeed), and 0 for a source that never succeeded.
        Assert.Equal(succeededAt.ToUnixTimeMilliseconds() / 1000.0, Value(scraped, $"contactsync_last_success_timestamp_seconds{{source=\"{source}\"}}"), 3);
        Assert.Equal(0, Value(scraped, $"contactsync_last_success_timestamp_seconds{{source=\"{NeverRan}\"}}"));

        foreach (var method in MetricLabels.NexudusMethods)
        {
            foreach (var status in MetricLabels.NexudusStatuses)
            {
                Value(scraped, $"contactsync_nexudus_calls_total{{method=\"{method}\",status=\"{status}\"}}");
            }
        }

        foreach (var window in MetricLabels.BudgetWindows)
        {
            Assert.True(Value(scraped, $"contactsync_budget_remaining{{window=\"{window}\"}}") > 0, window);
        }

        foreach (var state in MetricLabels.HangfireStates)
        {
            Value(scraped, $"contactsync_hangfire_jobs{{state=\"{state}\"}}");
        }

        foreach (var state in MetricLabels.OutboxStates)
        {
            Assert.Equal(0, Value(scraped, $"contactsync_alerts_outbox{{state=\"{state}\"}}"));
        }
    }

    private static async Task<bool> ReadyAsync(WorkerProcess worker, HttpClient http)
    {
        if (worker.HasExited)
        {
            throw new InvalidOperationException($"The worker exited ({worker.ExitCode}):\n{worker.StandardOutput}\n{worker.StandardError}");
        }

        try
        {
            using var response = await http.GetAsync("health/ready");
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static async Task<DateTimeOffset> LastSucceededAsync(ExactlyOnceRig rig)
    {
        await using var command = rig.DataSource.CreateCommand("select max(finished_at) from sync_runs where status = 'succeeded'");
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return reader.GetFieldValue<DateTimeOffset>(0);
    }

    /// <summary>The ContactSync series of a scrape, by name and labels.</summary>
    private static Dictionary<string, double> Series(string exposition) =>
        exposition.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => line.StartsWith("contactsync_", StringComparison.Ordinal))
            .Select(line => (Key: line[..line.LastIndexOf(' ')], Value: line[(line.LastIndexOf(' ') + 1)..]))
            .ToDictionary(pair => pair.Key, pair => double.Parse(pair.Value, CultureInfo.InvariantCulture), StringComparer.Ordinal);

    private static double Value(Dictionary<string, double> series, string key)
    {
        Assert.True(series.TryGetValue(key, out var value), $"{key} is not exported");
        return value;
    }
}
