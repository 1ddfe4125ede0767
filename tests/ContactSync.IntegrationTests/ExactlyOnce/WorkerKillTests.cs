using ContactSync.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace ContactSync.IntegrationTests.ExactlyOnce;

[Collection(PostgresCollectionDefinition.Name)]
public sealed class WorkerKillTests(PostgresServer postgres, ITestOutputHelper output)
{
    private static readonly TimeSpan PushDeadline = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan KillPoll = TimeSpan.FromMilliseconds(10);

    [Fact]
    public async Task Every_valid_record_lands_exactly_once_when_the_worker_is_killed_again_and_again_mid_push()
    {
        var target = ExactlyOnceSettings.Kills;
        // Writes take 15-40 ms, so at any moment a few creates are on the wire; a few answers are lost as well.
        await using var rig = await ExactlyOnceRig.StartAsync(
            "kills", postgres, output, ExactlyOnceSettings.KillRecords,
            new SandboxFaults { LatencyMs = 15, JitterMs = 25, CommitThenDropRate = 0.02 });

        var kills = 0;
        for (var launch = 1; kills < target; launch++)
        {
            Assert.True(launch <= target * 3, $"Only {kills} kills in {launch - 1} launches {rig.Replay}");
            // Spread the kills over what a run can still push (records a killed run left in flight wait out their
            // lease), so the last kill still lands mid-push.
            var pushable = launch == 1 ? rig.Source.Valid.Count() : await CountPushableAsync(rig);
            var step = rig.Random.Next(1, Math.Max(2, pushable / (target - kills + 1)) + 1);
            var before = await rig.CreatesSeenAsync();
            await using var worker = rig.LaunchSyncOnce();
            await Eventually.WaitUntilAsync(
                async () => worker.HasExited || await rig.CreatesSeenAsync() >= before + step,
                PushDeadline,
                $"the worker sent {step} more creates or exited {rig.Replay}",
                KillPoll);
            if (worker.HasExited)
            {
                rig.Log($"launch {launch} ended by itself with {worker.ExitCode} before its kill: {ExactlyOnceRig.Summary(worker.StandardOutput)}");
                Assert.True(ExactlyOnceRig.ExpectedExit(worker.StandardOutput) == worker.ExitCode, $"sync-once exited {worker.ExitCode} {rig.Replay}{worker.Process.DescribeOutput()}");
                Assert.False(await rig.IsCompleteAsync(), $"The run completed after {kills} of {target} kills; give the scenario more records {rig.Replay}");
                continue;
            }

            worker.Kill();
            kills++;

            // A killed run's lease would run out by itself within the rig's 5 s; the scenario is about what comes next.
            await rig.ExpireSourceLeaseAsync();
            rig.Log($"kill {kills}: SIGKILL after {step} creates (launch {launch}); ledger: {await rig.DescribeLedgerAsync()}");
        }

        var runs = await rig.RunUntilCompleteAsync(maxRuns: 3);

        rig.Log($"{kills} kills, then {runs} runs to complete; creates seen {await rig.CreatesSeenAsync()}");
        var report = await ExactlyOnceAssert.HoldsAsync(rig);
        Assert.Equal(0, report.Duplicates);
        Assert.True(kills >= target);
    }

    private static async Task<int> CountPushableAsync(ExactlyOnceRig rig)
    {
        await using var command = rig.DataSource.CreateCommand(
            "select count(*)::int from sync_records where status in ('pending', 'failed')");
        return (int)(await command.ExecuteScalarAsync())!;
    }
}
