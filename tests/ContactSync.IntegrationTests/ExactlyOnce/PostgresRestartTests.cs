using ContactSync.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace ContactSync.IntegrationTests.ExactlyOnce;

[Collection(PostgresCollectionDefinition.Name)]
public sealed class PostgresRestartTests(PostgresServer postgres, ITestOutputHelper output)
{
    private static readonly TimeSpan RunDeadline = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task A_PostgreSQL_restart_mid_push_loses_and_duplicates_nothing()
    {
        await using var rig = await ExactlyOnceRig.StartAsync(
            "pg-restart", postgres, output, ExactlyOnceSettings.RestartRecords,
            new SandboxFaults { LatencyMs = 10, JitterMs = 20, CommitThenDropRate = 0.02 });
        var valid = rig.Source.Valid.Count();

        for (var restart = 1; restart <= ExactlyOnceSettings.Restarts; restart++)
        {
            var before = await rig.CreatesSeenAsync();
            var step = rig.Random.Next(5, Math.Max(6, (valid - before) / (ExactlyOnceSettings.Restarts - restart + 2)));
            await using var running = rig.LaunchSyncOnce();
            await Eventually.WaitUntilAsync(
                async () => running.HasExited || await rig.CreatesSeenAsync() >= before + step,
                RunDeadline,
                $"the worker sent {step} creates {rig.Replay}",
                TimeSpan.FromMilliseconds(10));
            Assert.False(running.HasExited, $"The run ended before the restart; give the scenario more records {rig.Replay}{running.Process.DescribeOutput()}");

            await postgres.RestartAsync();
            rig.Log($"restart {restart}: PostgreSQL restarted after {step} creates");

            // Another replica's schedule fires while the first run may still be going: the lock it held died with its session.
            await using var next = rig.LaunchSyncOnce();
            var exits = await Task.WhenAll(running.WaitForExitAsync(RunDeadline), next.WaitForExitAsync(RunDeadline));
            rig.Log($"the interrupted run exited {exits[0]}: {ExactlyOnceRig.Summary(running.StandardOutput)}");
            rig.Log($"the run started after the restart exited {exits[1]}: {ExactlyOnceRig.Summary(next.StandardOutput)}");
            Assert.True(exits[1] is 0 or 1, $"A run started after the restart exited {exits[1]} {rig.Replay}{next.Process.DescribeOutput()}");
        }

        var runs = await rig.RunUntilCompleteAsync(maxRuns: 3);

        rig.Log($"{ExactlyOnceSettings.Restarts} restarts, then {runs} runs to complete; creates seen {await rig.CreatesSeenAsync()}");
        var report = await ExactlyOnceAssert.HoldsAsync(rig);
        Assert.Equal(0, report.Duplicates);
    }
}
