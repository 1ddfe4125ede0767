using System.Diagnostics;
using ContactSync.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace ContactSync.IntegrationTests.ExactlyOnce;

[Collection(PostgresCollectionDefinition.Name)]
public sealed class GracefulShutdownTests(PostgresServer postgres, ITestOutputHelper output)
{
    [Fact]
    public async Task SIGTERM_stops_a_hosted_run_inside_Hangfires_shutdown_timeout_and_the_next_run_finishes_it()
    {
        var budget = await ShutdownBudget.ReadAsync();
        await using var rig = await StartRigAsync("sigterm-host");
        var environment = rig.WorkerEnvironment();
        // Every second, so the recurring job starts at once; the poll is shortened to match.
        environment["ContactSync__Sources__0__Schedule"] = "* * * * * *";
        environment["Hangfire__QueuePollInterval"] = "00:00:01";
        await using var host = new WorkerProcess(environment, "run", "--urls", $"http://127.0.0.1:{FreeTcpPort.Next()}");
        host.Start();

        var elapsed = await TerminateMidPushAsync(rig, host);

        var exit = host.ExitCode;
        rig.Log($"the host exited {exit} {elapsed.TotalSeconds:0.00} s after SIGTERM; budget {budget}");
        Assert.Equal(0, exit);
        Assert.True(elapsed < budget.HangfireShutdown,
            $"The host took {elapsed} to stop, beyond Hangfire's ShutdownTimeout {budget.HangfireShutdown}: the job ignored its cancellation {rig.Replay}");
        await AssertRunsWereClosedAsync(rig, "job");
        await FinishAndAssertAsync(rig);
    }

    [Fact]
    public async Task SIGTERM_stops_sync_once_promptly_and_the_next_run_finishes_it()
    {
        var budget = await ShutdownBudget.ReadAsync();
        await using var rig = await StartRigAsync("sigterm-cli");
        await using var worker = rig.LaunchSyncOnce();

        var elapsed = await TerminateMidPushAsync(rig, worker);

        rig.Log($"sync-once exited {worker.ExitCode} {elapsed.TotalSeconds:0.00} s after SIGTERM; budget {budget}");
        Assert.Equal(1, worker.ExitCode); // the run is incomplete, not failed: the next run resumes it
        Assert.True(elapsed < budget.HangfireShutdown, $"sync-once took {elapsed} to stop {rig.Replay}");
        await AssertRunsWereClosedAsync(rig, "cli");
        await FinishAndAssertAsync(rig);
    }

    [Fact]
    public async Task SIGTERM_mid_push_lets_the_calls_on_the_wire_finish_and_leaves_no_record_in_flight_or_in_doubt()
    {
        var budget = await ShutdownBudget.ReadAsync();
        // Every call spends 30-60 ms at the Sandbox (most of a lane's time, so SIGTERM finds calls on the wire) and none
        // is dropped: whatever was sent when SIGTERM came has an answer on its way, so nothing may be left in doubt.
        await using var rig = await ExactlyOnceRig.StartAsync(
            "sigterm-on-the-wire", postgres, output, ExactlyOnceSettings.TermRecords, new SandboxFaults { LatencyMs = 30, JitterMs = 30 });
        await using var worker = rig.LaunchSyncOnce();
        await rig.WaitForCreatesAsync(worker.Process, 4, "before SIGTERM");

        worker.SignalTerm();
        await worker.WaitForExitAsync(budget.PodGrace + TimeSpan.FromSeconds(5));

        var ledger = await rig.DescribeLedgerAsync();
        rig.Log($"sync-once exited {worker.ExitCode}; ledger then: {ledger}");
        Assert.Equal(1, worker.ExitCode);
        Assert.False(await rig.IsCompleteAsync(), $"The run had finished before SIGTERM; give the scenario more records {rig.Replay}");
        await using (var command = rig.DataSource.CreateCommand("select count(*) from sync_records where status = 'in_flight' or in_doubt"))
        {
            Assert.True((long)(await command.ExecuteScalarAsync())! == 0, $"Records were left in flight or in doubt by a clean stop: {ledger} {rig.Replay}");
        }

        await AssertRunsWereClosedAsync(rig, "cli");
        // Nothing held for an in-flight lease: the next run finishes the source at once, each record exactly once.
        Assert.Equal(1, await rig.RunUntilCompleteAsync(maxRuns: 1));
        await ExactlyOnceAssert.HoldsAsync(rig);
    }

    [Fact]
    public async Task SIGTERM_mid_removal_lets_the_DELETE_on_the_wire_finish_and_settles_it()
    {
        const string Delete = "DELETE /api/billing/contractcontacts/{id}";
        var budget = await ShutdownBudget.ReadAsync();
        await using var rig = await ExactlyOnceRig.StartAsync("sigterm-removal", postgres, output, records: 60, invalidShare: 0);
        var environment = new Dictionary<string, string>(rig.WorkerEnvironment())
        {
            ["ContactSync__Sources__0__Mode"] = "Mirror",
            ["ContactSync__Sources__0__MaxRemovals"] = "100",
        };
        Assert.Equal(0, (await rig.RunSyncOnceAsync(environment)).ExitCode);

        // Forty leave the source; each DELETE then spends 300-400 ms at the Sandbox, so SIGTERM finds one on the wire.
        rig.Source.Drop([.. rig.Source.Rows.Skip(20).Select(row => row.SourceId)]);
        await rig.Source.WriteAsync(rig.CsvPath);
        await rig.SetFaultsAsync(new SandboxFaults { LatencyMs = 300, JitterMs = 100 });
        await using var worker = rig.LaunchSyncOnce(environment);
        await Eventually.WaitUntilAsync(
            async () =>
            {
                await worker.Process.ThrowIfExitedAsync("before SIGTERM");
                return (await rig.Sandbox.GetStatsAsync()).Count(Delete) >= 3;
            },
            TimeSpan.FromMinutes(2), "the worker sent three DELETEs", TimeSpan.FromMilliseconds(10));

        worker.SignalTerm();
        await worker.WaitForExitAsync(budget.PodGrace + TimeSpan.FromSeconds(5));

        var deletes = (await rig.Sandbox.GetStatsAsync()).Count(Delete, 200);
        var ledger = await rig.DescribeLedgerAsync();
        rig.Log($"sync-once exited {worker.ExitCode}; {deletes} DELETEs answered; ledger then: {ledger}");
        Assert.Equal(1, worker.ExitCode);
        Assert.True(deletes < 40, $"Every removal was done before SIGTERM; slow the DELETEs down {rig.Replay}");
        Assert.Equal(0, await rig.CountWithStatusAsync("in_flight"));
        // Every DELETE the Sandbox answered was settled by its answer: none left for the next run to find gone.
        Assert.Equal(deletes, await rig.CountWithStatusAsync("removed"));
        Assert.Equal(60 - deletes, await rig.Sandbox.CountContactsAsync());

        await rig.SetFaultsAsync(new SandboxFaults());
        Assert.Equal(0, (await rig.RunSyncOnceAsync(environment)).ExitCode);
        Assert.Equal(40, await rig.CountWithStatusAsync("removed"));
        Assert.Equal(20, await rig.Sandbox.CountContactsAsync());
        Assert.Equal(40, (await rig.Sandbox.GetStatsAsync()).Count(Delete, 200));
    }

    private async Task<ExactlyOnceRig> StartRigAsync(string scenario)
    {
        // Slow writes keep the run going for a while: each create takes 30-60 ms, so SIGTERM finds several on the wire.
        return await ExactlyOnceRig.StartAsync(
            scenario, postgres, output, ExactlyOnceSettings.TermRecords,
            new SandboxFaults { LatencyMs = 30, JitterMs = 30, CommitThenDropRate = 0.02 });
    }

    /// <summary>Waits until the worker is mid-push, sends SIGTERM and returns how long it took to exit.</summary>
    private static async Task<TimeSpan> TerminateMidPushAsync(ExactlyOnceRig rig, WorkerProcess worker)
    {
        var step = rig.Random.Next(5, rig.Source.Valid.Count() / 2);
        await rig.WaitForCreatesAsync(worker.Process, step, "before its run was interrupted");

        var clock = Stopwatch.StartNew();
        worker.SignalTerm();
        await worker.WaitForExitAsync((await ShutdownBudget.ReadAsync()).PodGrace + TimeSpan.FromSeconds(5));
        var elapsed = clock.Elapsed;
        rig.Log($"SIGTERM after {step} creates; ledger then: {await rig.DescribeLedgerAsync()}");
        Assert.False(await rig.IsCompleteAsync(), $"The run had finished before SIGTERM; give the scenario more records {rig.Replay}");
        return elapsed;
    }

    /// <summary>A stopped run records that it stopped: none is left 'running' for the next run to clean up.</summary>
    private static async Task AssertRunsWereClosedAsync(ExactlyOnceRig rig, string trigger)
    {
        await using var command = rig.DataSource.CreateCommand(
            "select status, coalesce(error, '') from sync_runs where trigger = @trigger order by started_at");
        command.Parameters.AddWithValue("trigger", trigger);
        var runs = new List<(string Status, string Error)>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                runs.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        Assert.DoesNotContain(runs, run => run.Status == "running");

        // The every-second schedule may have started another job while the run held the source; it was skipped at once
        // and says nothing about the stop. The run that was working is the last one that was not skipped.
        var worked = runs.Where(run => run.Status != "skipped").ToList();
        Assert.NotEmpty(worked);
        Assert.Equal("aborted", worked[^1].Status);
        Assert.Contains("cancelled", worked[^1].Error, StringComparison.Ordinal);
    }

    private static async Task FinishAndAssertAsync(ExactlyOnceRig rig)
    {
        var runs = await rig.RunUntilCompleteAsync(maxRuns: 3);
        rig.Log($"{runs} runs to complete; creates seen {await rig.CreatesSeenAsync()}");
        var report = await ExactlyOnceAssert.HoldsAsync(rig);
        Assert.Equal(0, report.Duplicates);
    }
}
