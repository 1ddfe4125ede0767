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

            // After the last restart another replica's schedule fires while the first run may still be going: the
            // lock that run held died with its session.
            await using var next = restart == ExactlyOnceSettings.Restarts ? rig.LaunchSyncOnce() : null;
            rig.Log($"the interrupted run exited {await running.WaitForExitAsync(RunDeadline)}: {ExactlyOnceRig.Summary(running.StandardOutput)}");
            if (next is not null)
            {
                var exit = await next.WaitForExitAsync(RunDeadline);
                rig.Log($"the run started after the restart exited {exit}: {ExactlyOnceRig.Summary(next.StandardOutput)}");
                Assert.True(ExactlyOnceRig.ExpectedExit(next.StandardOutput) == exit, $"A run started after the restart exited {exit} {rig.Replay}{next.Process.DescribeOutput()}");
            }
        }

        var runs = await rig.RunUntilCompleteAsync(maxRuns: 3);

        rig.Log($"{ExactlyOnceSettings.Restarts} restarts, then {runs} runs to complete; creates seen {await rig.CreatesSeenAsync()}");
        var report = await ExactlyOnceAssert.HoldsAsync(rig);
        Assert.Equal(0, report.Duplicates);
    }

    [Fact]
    public async Task A_run_whose_lock_died_in_a_restart_cannot_race_the_next_run_into_a_duplicate()
    {
        // Throttling answers ask for 2 s and are honoured, so a throttled create keeps being retried for seconds, as
        // against Nexudus. Eight of them, shared by both runs, keep the circuit breaker (10 calls) out of it.
        await using var rig = await ExactlyOnceRig.StartAsync(
            "lost-lock", postgres, output, records: 1, new SandboxFaults { Throttle409RetryAfterSeconds = 2 });
        var environment = rig.WorkerEnvironment();
        environment["Nexudus__MaxRetries"] = "20";
        environment["Nexudus__MaxRetryDelay"] = "00:00:02";
        environment["Nexudus__TotalTimeout"] = "00:00:20";
        await rig.QueueCreateFaultsAsync("Throttle409", count: 8);

        // The first run marks the record in flight and keeps retrying its throttled create...
        await using var first = rig.LaunchSyncOnce(environment);
        await Eventually.WaitUntilAsync(
            async () =>
            {
                await first.Process.ThrowIfExitedAsync("while its create was being throttled");
                return (await rig.Sandbox.GetStatsAsync()).Count(ExactlyOnceRig.ContactsRoute, 409) >= 2;
            },
            RunDeadline,
            "the first run's create was throttled twice");

        // ...while PostgreSQL restarts, ending the session that held the source's lock, and another run starts.
        await postgres.RestartAsync();
        await using var second = rig.LaunchSyncOnce(environment);
        var exits = await Task.WhenAll(first.WaitForExitAsync(RunDeadline), second.WaitForExitAsync(RunDeadline));
        rig.Log($"the run that lost its lock exited {exits[0]}: {ExactlyOnceRig.Summary(first.StandardOutput)}");
        rig.Log($"the run started after the restart exited {exits[1]}: {ExactlyOnceRig.Summary(second.StandardOutput)}");

        var runs = await rig.RunUntilCompleteAsync(maxRuns: 20, environment);

        rig.Log($"{runs} runs to complete; creates seen {await rig.CreatesSeenAsync()}");
        var report = await ExactlyOnceAssert.HoldsAsync(rig);
        Assert.Equal(0, report.Duplicates);
    }

    [Fact]
    public async Task A_database_outage_longer_than_the_lease_under_a_scheduled_host_duplicates_nothing()
    {
        await using var rig = await ExactlyOnceRig.StartAsync(
            "outage-host", postgres, output, ExactlyOnceSettings.RestartRecords,
            new SandboxFaults { LatencyMs = 30, JitterMs = 30, CommitThenDropRate = 0.02 });
        var environment = rig.WorkerEnvironment();
        // Every second, so that runs keep being started while the database is away and as soon as it is back.
        environment["ContactSync__Sources__0__Schedule"] = "* * * * * *";
        environment["Hangfire__QueuePollInterval"] = "00:00:01";
        await using var host = new WorkerProcess(environment, "run", "--urls", $"http://127.0.0.1:{FreeTcpPort.Next()}");
        host.Start();
        var valid = rig.Source.Valid.Count();
        await rig.WaitForCreatesAsync(host.Process, valid / 4, "before the outage");

        // Down for longer than a run can trust its lease (4 s of the rig's 5 s): the run in progress loses the source.
        await postgres.OutageAsync(TimeSpan.FromSeconds(8));
        rig.Log($"PostgreSQL was down for 8 s after {await rig.CreatesSeenAsync()} creates");

        await Eventually.WaitUntilAsync(
            async () =>
            {
                await host.Process.ThrowIfExitedAsync("while it finished the source after the outage");
                return await rig.IsCompleteAsync();
            },
            RunDeadline,
            $"the scheduled runs finished the source after the outage {rig.Replay}",
            TimeSpan.FromMilliseconds(250));
        host.SignalTerm();
        rig.Log($"the host exited {await host.WaitForExitAsync(TimeSpan.FromSeconds(40))}; runs: " +
                string.Join(", ", (await rig.RunsAsync()).GroupBy(run => run.Status).Select(group => $"{group.Key} {group.Count()}")));

        var report = await ExactlyOnceAssert.HoldsAsync(rig);
        Assert.Equal(0, report.Duplicates);
    }
}
