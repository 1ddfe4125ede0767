using ContactSync.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace ContactSync.IntegrationTests.ExactlyOnce;

[Collection(PostgresCollectionDefinition.Name)]
public sealed class ConcurrentWorkerTests(PostgresServer postgres, ITestOutputHelper output)
{
    private static readonly TimeSpan RunDeadline = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Two_workers_started_together_on_one_source_create_every_record_once()
    {
        // A fresh database: the two also race to migrate it. Faults keep some records failing, so later rounds
        // have work left and both workers find something to do.
        await using var rig = await ExactlyOnceRig.StartAsync(
            "two-workers", postgres, output, ExactlyOnceSettings.ConcurrentRecords,
            SandboxFaults.Mixed(0.1) with { LatencyMs = 10, JitterMs = 20, HangRate = 0 },
            migrate: false);

        // The source grows each round (the last round has every row), so every round has creates to race over.
        var total = ExactlyOnceSettings.ConcurrentRounds;
        var rounds = 0;
        for (var round = 1; round <= total || !await rig.IsCompleteAsync(); round++)
        {
            await rig.Source.WriteAsync(rig.CsvPath, rig.Source.Rows.Count * Math.Min(round, total) / total);

            if (round > 10)
            {
                Assert.Fail($"Still incomplete after 10 rounds: {await rig.DescribeLedgerAsync()} {rig.Replay}");
            }

            if (round > total)
            {
                // What is left are creates in doubt: they are looked up once they can no longer be under way.
                await rig.WaitForInFlightLeasesAsync(rig.WorkerEnvironment());
            }

            await using var first = rig.LaunchSyncOnce();
            await using var second = rig.LaunchSyncOnce();
            var exits = await Task.WhenAll(first.WaitForExitAsync(RunDeadline), second.WaitForExitAsync(RunDeadline));
            foreach (var (worker, exit) in new[] { (first, exits[0]), (second, exits[1]) })
            {
                Assert.True(ExactlyOnceRig.ExpectedExit(worker.StandardOutput) == exit, $"sync-once exited {exit} {rig.Replay}{worker.Process.DescribeOutput()}");
            }

            rig.Log($"round {round}: {ExactlyOnceRig.Summary(first.StandardOutput)} | {ExactlyOnceRig.Summary(second.StandardOutput)}");
            rounds = round;
        }

        var runs = await ReadRunsAsync(rig);
        var worked = runs.Where(run => run.Status != "skipped").OrderBy(run => run.Started).ToList();
        for (var i = 1; i < worked.Count; i++)
        {
            Assert.True(worked[i - 1].Finished <= worked[i].Started,
                $"Runs of one source overlapped: {worked[i - 1]} and {worked[i]} {rig.Replay}");
        }

        rig.Log($"{rounds} rounds, {runs.Count} runs, {runs.Count(run => run.Status == "skipped")} skipped while the other held the source; " +
                $"faults injected {(await rig.FaultsInjectedAsync()).Values.Sum()}");
        Assert.Contains(runs, run => run.Status == "skipped");
        var report = await ExactlyOnceAssert.HoldsAsync(rig);
        Assert.Equal(0, report.Duplicates);
    }

    private sealed record Run(string Status, DateTime Started, DateTime? Finished);

    private static async Task<List<Run>> ReadRunsAsync(ExactlyOnceRig rig)
    {
        await using var command = rig.DataSource.CreateCommand("select status, started_at, finished_at from sync_runs");
        var runs = new List<Run>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            runs.Add(new Run(reader.GetString(0), reader.GetDateTime(1), reader.IsDBNull(2) ? null : reader.GetDateTime(2)));
        }

        return runs;
    }
}
