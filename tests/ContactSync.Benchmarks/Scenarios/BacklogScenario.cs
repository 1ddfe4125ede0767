using System.Globalization;
using ContactSync.Benchmarks.Processes;
using ContactSync.Benchmarks.Reporting;
using ContactSync.Benchmarks.Sources;

namespace ContactSync.Benchmarks.Scenarios;

/// <summary>
/// A backlog larger than one minute's write budget, against a Sandbox that enforces the same limit W the worker is
/// configured with and adds latency: how many calls each create costs, and how close to W the worker writes.
/// </summary>
internal static class BacklogScenario
{
    private const double MinimumRateRatio = 0.9;
    private const double MaximumCallsPerCreate = 1.05;
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(100);

    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchmarkSettings settings, TextWriter output, CancellationToken cancellationToken)
    {
        var w = settings.WritesPerMinute;
        var records = settings.BacklogRecords;
        if (records <= w)
        {
            throw new InvalidOperationException("The backlog must be larger than one window of writes.");
        }

        var csv = Path.Combine(settings.WorkDirectory, "backlog.csv");
        ContactCsv.Write(csv, records, i => ContactCsv.Valid(i, settings.BacklogContracts));
        var database = await Databases.CreateAsync(settings.PostgresConnectionString, "bench_backlog", cancellationToken);
        await using var sandbox = await BenchmarkSandbox.StartAsync(settings, "backlog",
        [
            "--contracts", N(settings.BacklogContracts),
            "--writes-per-minute", N(w),
            "--calls-per-minute", N(2 * w),
            "--min-interval-ms", "100",
            "--latency-ms", N(settings.LatencyMs),
            "--jitter-ms", N(settings.JitterMs),
            "--seed", "42",
        ], cancellationToken);

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Backlog: {records} new contacts over {settings.BacklogContracts} contracts; Sandbox and worker both at W = {w} writes/min, " +
            $"{2 * w} calls/min, 100 ms between calls; Sandbox latency {settings.LatencyMs} ms + 0-{settings.JitterMs} ms."));

        var before = await sandbox.GetStatsAsync(cancellationToken);
        using var stopWatching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var timeline = WatchCreatesAsync(sandbox, before.Creates, records, stopWatching.Token);
        var run = await WorkerRun.RunAsync(settings,
            new WorkerRun.Configuration("backlog", csv, database, sandbox.BaseUrl)
            {
                WritesPerMinute = w,
                CallsPerMinute = 2 * w,
                MinCallInterval = TimeSpan.FromMilliseconds(100),
            },
            "worker-backlog", cancellationToken);
        await stopWatching.CancelAsync();
        var createdAt = await timeline;
        var calls = (await sandbox.GetStatsAsync(cancellationToken)).Since(before);
        var stored = await sandbox.CountContactsAsync(cancellationToken);
        var arrivals = await sandbox.GetArrivalsAsync(cancellationToken);

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"  run: {Format.Duration(run.WallTime)}, exit {run.ExitCode}, {run.Outcome}: {run.Created} created, {run.Failed} failed; " +
            $"the Sandbox holds {stored} contacts"));
        await output.WriteLineAsync($"  calls: {calls.Describe()}");
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"  arrivals at the Sandbox: {arrivals.Calls} calls, smallest gap {arrivals.SmallestGapMs:0.0} ms; gaps under 100 ms (the Sandbox's " +
            $"interval) {arrivals.Under(100)}, under 150 ms {arrivals.Under(150)}, under 200 ms {arrivals.Under(200)}, under 250 ms {arrivals.Under(250)}"));
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"  retries logged by the worker: {WorkerRun.CountLogLines(run, "Retrying a Nexudus")}, of which calls that timed out still waiting " +
            $"in the budget (never sent): {WorkerRun.CountLogLines(run, "after NexudusRequestNotSentException")}"));

        var rate = WriteRate(createdAt, w);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"  write rate: {rate.Windows} successive windows of {w} writes, mean {rate.MeanWindow.TotalSeconds:0.00} s " +
            $"(shortest {rate.ShortestWindow.TotalSeconds:0.00} s; the client's gate allows {w} per 61 s, so the ideal ratio is {60.0 / 61:0.000})"));
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"  the first {w} writes took {(createdAt[w - 1] - createdAt[0]).TotalSeconds:0.0} s: the pace of the worker and the Sandbox " +
            $"when the gate is not what holds them back (at most 61 s for the rate to be the gate's)"));

        var abandonedInGate = WorkerRun.CountLogLines(run, "after NexudusRequestNotSentException");
        var created = Math.Max(run.Created, 1);
        var callsPerCreate = (double)calls.Calls / created;
        var throttled = calls.WithOutcome("409");
        return
        [
            Figure.Check("API calls per created contact", $"{calls.Calls} calls / {run.Created}", $"1.0 ideal, <= {MaximumCallsPerCreate:0.00}",
                Format.Ratio(callsPerCreate), callsPerCreate <= MaximumCallsPerCreate && run.Created == records && stored == records),
            Figure.Check("  token calls (not in the above)", N(calls.TokenCalls), "1 per process", "-", calls.TokenCalls <= 1),
            Figure.Check("Write rate during the backlog", $"{Format.Number(rate.WritesPerMinute, "0.0")} /min", $"W = {w} /min, >= {MinimumRateRatio:0.0}",
                Format.Ratio(rate.WritesPerMinute / w), rate.WritesPerMinute / w >= MinimumRateRatio),
            Figure.Check("  409s provoked", N(throttled), "0", "-", throttled == 0),
            Figure.Check("  calls arriving under 100 ms apart", N((int)arrivals.Under(100)), "0", "-", arrivals.Under(100) == 0),
            Figure.Check("  calls abandoned waiting in the budget", N(abandonedInGate), "0", "-", abandonedInGate == 0),
        ];
    }

    /// <summary>
    /// The achieved rate in the steady part of the backlog: the first W writes may go out at once (the window is
    /// empty), every later write has to wait for the one W places before it to leave the window. So the mean time
    /// from write i to write i + W, over every i the backlog has, is the length of a window as the worker achieves it.
    /// </summary>
    private static (double WritesPerMinute, int Windows, TimeSpan MeanWindow, TimeSpan ShortestWindow) WriteRate(IReadOnlyList<TimeSpan> createdAt, int w)
    {
        var windows = Enumerable.Range(0, createdAt.Count - w).Select(i => createdAt[i + w] - createdAt[i]).ToList();
        if (windows.Count == 0)
        {
            throw new InvalidOperationException($"Only {createdAt.Count} creates were seen; the backlog needs more than {w}.");
        }

        var mean = TimeSpan.FromTicks((long)windows.Average(t => t.Ticks));
        return (w * 60 / mean.TotalSeconds, windows.Count, mean, windows.Min());
    }

    /// <summary>When each create was answered, as seen by polling the Sandbox's counters (index 0 = the first create).</summary>
    private static async Task<IReadOnlyList<TimeSpan>> WatchCreatesAsync(
        SandboxProcess sandbox, int baseline, int expected, CancellationToken cancellationToken)
    {
        var createdAt = new List<TimeSpan>();
        var started = TimeProvider.System.GetTimestamp();
        try
        {
            while (createdAt.Count < expected)
            {
                var creates = (await sandbox.GetStatsAsync(cancellationToken)).Creates - baseline;
                var now = TimeProvider.System.GetElapsedTime(started);
                while (createdAt.Count < creates)
                {
                    createdAt.Add(now);
                }

                await Task.Delay(PollEvery, cancellationToken);
            }

            return createdAt;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return createdAt;
        }
    }

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
}
