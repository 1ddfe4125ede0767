using System.Diagnostics;
using ContactSync.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace ContactSync.IntegrationTests.ExactlyOnce;

/// <summary>
/// A run owns its source through a lease it can lose and notices losing: what PostgreSQL does to idle sessions does
/// not hand the source to a second run, and a run whose lease is gone sends nothing more.
/// </summary>
[Collection(PostgresCollectionDefinition.Name)]
public sealed class LeaseFencingTests(PostgresServer postgres, ITestOutputHelper output)
{
    private static readonly TimeSpan RunDeadline = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Idle_session_timeout_does_not_hand_a_running_source_to_a_second_run()
    {
        // Each create takes about 100 ms, so the run lasts well past the server's idle timeout.
        await using var rig = await ExactlyOnceRig.StartAsync(
            "idle-timeout", postgres, output, ExactlyOnceSettings.FencingRecords, new SandboxFaults { LatencyMs = 80, JitterMs = 40 });
        await rig.SetDatabaseSettingAsync("idle_session_timeout", "5s");
        var environment = rig.WorkerEnvironment();
        environment["ContactSync__RunLease"] = "00:00:30";
        var valid = rig.Source.Valid.Count();

        await using var first = rig.LaunchSyncOnce(environment);
        var clock = Stopwatch.StartNew();
        await Eventually.WaitUntilAsync(
            async () =>
            {
                await first.Process.ThrowIfExitedAsync("before the second run started");
                return clock.Elapsed > TimeSpan.FromSeconds(7) && await rig.CreatesSeenAsync() >= valid / 5;
            },
            RunDeadline,
            $"the first run has gone on past the idle timeout {rig.Replay}",
            TimeSpan.FromMilliseconds(50));

        // The next schedule, another replica, an operator's sync-once: the source is still the first run's.
        await using var second = rig.LaunchSyncOnce(environment);
        var secondExit = await second.WaitForExitAsync(RunDeadline);
        var firstExit = await first.WaitForExitAsync(RunDeadline);
        rig.Log($"first run exited {firstExit}: {ExactlyOnceRig.Summary(first.StandardOutput)}");
        rig.Log($"second run exited {secondExit}: {ExactlyOnceRig.Summary(second.StandardOutput)}");

        Assert.Contains("Outcome: skipped", ExactlyOnceRig.Summary(second.StandardOutput), StringComparison.Ordinal);
        await using (var overlap = rig.DataSource.CreateCommand(
            "select count(*) from sync_runs s, sync_runs f where s.status = 'skipped' and f.status <> 'skipped' and s.started_at < f.finished_at"))
        {
            Assert.True((long)(await overlap.ExecuteScalarAsync())! == 1, $"The second run did not start while the first held the source {rig.Replay}");
        }

        Assert.True(ExactlyOnceRig.ExpectedExit(first.StandardOutput) == firstExit, $"The first run exited {firstExit} {rig.Replay}{first.Process.DescribeOutput()}");
        Assert.DoesNotContain(await rig.RunsAsync(), run => run.Status == "lease_lost");
        await rig.RunUntilCompleteAsync(maxRuns: 3, environment);
        var report = await ExactlyOnceAssert.HoldsAsync(rig);
        Assert.Equal(0, report.Duplicates);
    }

    [Fact]
    public async Task A_run_whose_lease_expires_under_it_stops_claiming_while_the_run_that_takes_over_finishes_the_source()
    {
        await using var rig = await ExactlyOnceRig.StartAsync(
            "lease-taken", postgres, output, ExactlyOnceSettings.FencingRecords,
            new SandboxFaults { LatencyMs = 40, JitterMs = 40, CommitThenDropRate = 0.02 });
        var valid = rig.Source.Valid.Count();

        await using var first = rig.LaunchSyncOnce();
        await rig.WaitForCreatesAsync(first.Process, valid / 4, "before its lease was taken");

        // The first run stalls past its lease (a frozen VM, a long pause) as far as the database can tell, and a second
        // run takes the source straight away: for a moment both are alive and each thinks it may push.
        await using (var expire = rig.DataSource.CreateCommand("update source_leases set expires_at = now() - interval '1 second'"))
        {
            Assert.Equal(1, await expire.ExecuteNonQueryAsync());
        }

        await using var second = rig.LaunchSyncOnce();
        var exits = await Task.WhenAll(first.WaitForExitAsync(RunDeadline), second.WaitForExitAsync(RunDeadline));
        rig.Log($"the run that lost its lease exited {exits[0]}: {ExactlyOnceRig.Summary(first.StandardOutput)}");
        rig.Log($"the run that took over exited {exits[1]}: {ExactlyOnceRig.Summary(second.StandardOutput)}");

        Assert.Equal(4, exits[0]);
        Assert.Contains("Outcome: lease_lost", ExactlyOnceRig.Summary(first.StandardOutput), StringComparison.Ordinal);
        Assert.True(ExactlyOnceRig.ExpectedExit(second.StandardOutput) == exits[1], $"The run that took over exited {exits[1]} {rig.Replay}{second.Process.DescribeOutput()}");
        var runs = await rig.RunsAsync();
        Assert.Equal("lease_lost", runs[0].Status);
        Assert.Contains("lost its lease on source", runs[0].Error, StringComparison.Ordinal);
        Assert.NotEqual("skipped", runs[1].Status);

        await rig.RunUntilCompleteAsync(maxRuns: 3);
        var report = await ExactlyOnceAssert.HoldsAsync(rig);
        Assert.Equal(0, report.Duplicates);
    }
}
