using System.Diagnostics;
using ContactSync.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace ContactSync.IntegrationTests.ExactlyOnce;

/// <summary>
/// Nothing Nexudus or the file system does holds a run for ever or grows the worker without bound: an answer that
/// trickles in, one of 200 MB, a FIFO as the source. Each run ends by itself, well inside the rig's limit of minutes.
/// </summary>
[Collection(PostgresCollectionDefinition.Name)]
public sealed class BoundedWaitTests(PostgresServer postgres, ITestOutputHelper output)
{
    private const string CountriesPath = "/api/sys/countries";

    [Fact]
    public async Task Creates_whose_answers_trickle_in_are_given_up_at_the_attempt_timeout_and_adopted_not_sent_twice()
    {
        // The Sandbox stores each of these creates, then sends its answer a byte at a time over ten minutes.
        await using var rig = await ExactlyOnceRig.StartAsync("slow-answers", postgres, output, records: 30);
        await rig.QueueCreateFaultsAsync("SlowBody", count: 3);

        var clock = Stopwatch.StartNew();
        var result = await rig.RunSyncOnceAsync();
        rig.Log($"the run with three trickling answers ended by itself after {clock.Elapsed.TotalSeconds:0.0} s (each trickles for 600 s)");

        Assert.True(ExactlyOnceRig.ExpectedExit(result.StandardOutput) == result.ExitCode, result.Output);
        Assert.Equal(3, ExactlyOnceRig.Count(result.StandardOutput, "Adopted"));
        await rig.RunUntilCompleteAsync(maxRuns: 3);
        var report = await ExactlyOnceAssert.HoldsAsync(rig);
        Assert.Equal(0, report.Duplicates);
    }

    [Fact]
    public async Task A_list_whose_answer_trickles_in_ends_the_run_as_unavailable_within_the_total_timeout()
    {
        await using var rig = await ExactlyOnceRig.StartAsync("slow-list", postgres, output, records: 30);
        await rig.QueueFaultsAsync("SlowBody", count: 1000, "GET", CountriesPath);

        var result = await rig.RunSyncOnceAsync();

        Assert.Equal(1, result.ExitCode);
        var summary = ExactlyOnceRig.Summary(result.StandardOutput);
        Assert.Contains("Outcome: aborted", summary, StringComparison.Ordinal);
        Assert.Contains("GET /api/sys/countries timed out", summary, StringComparison.Ordinal);
        Assert.Equal(0, await rig.CreatesSeenAsync());

        await rig.ClearScriptedFaultsAsync();
        await rig.RunUntilCompleteAsync(maxRuns: 3);
        Assert.Equal(0, (await ExactlyOnceAssert.HoldsAsync(rig)).Duplicates);
    }

    [Fact]
    public async Task A_200_MB_answer_fails_clearly_at_the_size_limit_and_the_worker_stays_small()
    {
        await using var rig = await ExactlyOnceRig.StartAsync("huge-answer", postgres, output, records: 30);
        await rig.QueueFaultsAsync("HugeBody", count: 1000, "GET", CountriesPath);
        // Only the size limit may end this run: the rig's 2 s attempt timeout is the other limit a busy machine could
        // reach first, before 32 MiB had arrived, so here it is given minutes (the run still ends at the size limit).
        var environment = rig.WorkerEnvironment();
        environment["Nexudus__AttemptTimeout"] = "00:02:00";
        environment["Nexudus__TotalTimeout"] = "00:02:30";

        await using var worker = rig.LaunchSyncOnce(environment);
        var peak = await PeakMemory.FollowAsync(worker.Process, CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(3));
        var exit = await worker.WaitForExitAsync(TimeSpan.FromSeconds(10));
        rig.Log($"sync-once exited {exit} with a peak RSS of {peak / (1024 * 1024)} MB against 200 MB answers: {ExactlyOnceRig.Summary(worker.StandardOutput)}");

        Assert.Equal(1, exit);
        Assert.Contains("larger than 33554432 bytes (Nexudus:MaxResponseBytes)", worker.StandardOutput, StringComparison.Ordinal);
        // Reading one such answer whole took the worker to 1.9 GB; stopping at the 32 MiB limit keeps it near its idle size.
        Assert.True(peak < 300L * 1024 * 1024, $"peak RSS {peak / (1024 * 1024)} MB {rig.Replay}");

        await rig.ClearScriptedFaultsAsync();
        await rig.RunUntilCompleteAsync(maxRuns: 3);
        Assert.Equal(0, (await ExactlyOnceAssert.HoldsAsync(rig)).Duplicates);
    }

    [Fact]
    public async Task A_FIFO_as_the_source_ends_the_run_at_once_with_a_clear_error()
    {
        await using var rig = await ExactlyOnceRig.StartAsync("fifo-source", postgres, output, records: 10);
        var fifo = rig.CsvPath + ".fifo";
        using (var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [fifo]) { UseShellExecute = false })!)
        {
            await mkfifo.WaitForExitAsync();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var environment = rig.WorkerEnvironment();
        environment["ContactSync__Sources__0__Path"] = fifo;

        // Nobody ever writes to it: opening it for reading would wait for a writer for ever.
        var result = await rig.RunSyncOnceAsync(environment);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("is empty, or is not a regular file", result.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(0, await rig.CreatesSeenAsync());
    }
}
