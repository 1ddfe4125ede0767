using ContactSync.IntegrationTests.EndToEnd;
using ContactSync.IntegrationTests.Infrastructure;
using Npgsql;
using Xunit.Abstractions;

namespace ContactSync.IntegrationTests.Alerts;

/// <summary>
/// Replicas whose clocks disagree: a failed run by a worker five minutes fast, then a healthy run by one on time. Runs
/// are stamped by the database, so the healthy run is the latest and no run_failed alert goes out.
/// </summary>
[Collection(SourcesPostgresCollectionDefinition.Name)]
public sealed class FastClockAlertTests(PostgresServer postgres, ITestOutputHelper output)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task A_failed_run_by_a_worker_five_minutes_fast_does_not_outrank_a_later_healthy_run_and_raises_no_alert()
    {
        await using var world = await EndToEndWorld.StartAsync(postgres);

        // The source file is missing: the fast worker's run is aborted.
        var fast = world.WorkerEnvironment();
        fast["DOTNET_ENVIRONMENT"] = "Testing";
        fast["ContactSync__Testing__ClockOffset"] = "00:05:00";
        await using (var failing = new WorkerProcess(fast, "sync-once", "--source", EndToEndWorld.SourceName))
        {
            var result = await failing.RunToExitAsync(Deadline);
            output.WriteLine($"fast worker exited {result.ExitCode}");
        }

        await new ContactCsv()
            .Add("skew-1", 1001, ContactKind.Director, "Ottoline Verity", "ottoline@example.com", "1971-02-03", "GB")
            .WriteAsync(world.CsvPath);
        var healthy = await world.SyncOnceAsync();
        Assert.Equal(0, healthy.ExitCode);

        var runs = await RunsByStartAsync(world);
        output.WriteLine(string.Join(", ", runs));
        Assert.Equal(["aborted", "succeeded"], runs);

        // A worker on time evaluates the alerts (its schedule never fires; it only watches).
        var environment = world.WorkerEnvironment();
        environment["Alerts__WebhookUrl"] = new Uri(world.Sandbox.BaseUrl, "_sandbox/webhooks/hook").ToString();
        environment["Alerts__WebhookSecret"] = "fast-clock-webhook-secret";
        environment["Alerts__DashboardUrl"] = "https://contactsync.example.com";
        environment["Alerts__EvaluateEvery"] = "00:00:01";
        await using var host = new WorkerProcess(environment, "run", "--urls", $"http://127.0.0.1:{FreeTcpPort.Next()}");
        host.Start();
        await Eventually.WaitUntilAsync(
            async () =>
            {
                await host.Process.ThrowIfExitedAsync("before it evaluated the alerts");
                return await RunFailedStateAsync(world) is not null;
            },
            Deadline, "the run_failed condition has been evaluated");

        Assert.False(await RunFailedStateAsync(world), "run_failed is bad although the latest run succeeded");
        Assert.DoesNotContain("run_failed", await world.Sandbox.Client.GetStringAsync(new Uri("_sandbox/webhooks", UriKind.Relative)), StringComparison.Ordinal);
    }

    private static async Task<List<string>> RunsByStartAsync(EndToEndWorld world)
    {
        await using var connection = new NpgsqlConnection(world.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select status from sync_runs where status <> 'skipped' order by started_at", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var statuses = new List<string>();
        while (await reader.ReadAsync())
        {
            statuses.Add(reader.GetString(0));
        }

        return statuses;
    }

    private static async Task<bool?> RunFailedStateAsync(EndToEndWorld world)
    {
        await using var connection = new NpgsqlConnection(world.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select bad from alert_states where source = @source and condition = 'run_failed'", connection);
        command.Parameters.AddWithValue("source", EndToEndWorld.SourceName);
        return (bool?)await command.ExecuteScalarAsync();
    }
}
