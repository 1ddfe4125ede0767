using System.Globalization;
using ContactSync.Benchmarks.Processes;
using ContactSync.Benchmarks.Reporting;
using ContactSync.Benchmarks.Sources;

namespace ContactSync.Benchmarks.Scenarios;

/// <summary>
/// Large sources against a Sandbox with its limits off and a worker with its budget raised to the maximum it accepts:
/// an initial sync that really creates every record, a no-op re-sync of the same records, then the peak memory of
/// streaming a source of a million rows against the same process over a thousand.
/// </summary>
internal static class LargeSourceScenario
{
    private const string Source = "large";
    private const int RecordsPerContract = 50;

    // The highest budget the worker's options accept; the Sandbox enforces no limit at all.
    internal const int MaxWorkerBudget = 100_000;
    internal const int MaxDailyBudget = 1_000_000;
    private const int ParallelContracts = 8;

    private const long MemoryTarget = 300L * 1024 * 1024;
    private const double MaximumGrowth = 1.5;

    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchmarkSettings settings, TextWriter output, CancellationToken cancellationToken)
    {
        var records = settings.NoOpRecords;
        var contracts = Math.Max(1, records / RecordsPerContract);
        var database = await Databases.CreateAsync(settings.PostgresConnectionString, "bench_large", cancellationToken);
        await using var sandbox = await BenchmarkSandbox.StartAsync(settings, "large",
        [
            "--contracts", N(contracts),
            "--writes-per-minute", "0", "--writes-per-day", "0", "--min-interval-ms", "0",
            "--calls-per-minute", "0", "--calls-per-hour", "0", "--calls-per-day", "0",
        ], cancellationToken);

        WorkerRun.Configuration Worker(string csv) => new(Source, csv, database, sandbox.BaseUrl)
        {
            WritesPerMinute = MaxWorkerBudget,
            CallsPerMinute = MaxWorkerBudget,
            MinCallInterval = TimeSpan.Zero,
            MaxParallelContracts = ParallelContracts,

            // The daily and hourly budgets are a production safeguard; a 100,000-record initial sync is over both.
            WritesPerDay = MaxDailyBudget,
            CallsPerHour = MaxDailyBudget,
        };

        var figures = new List<Figure>();
        var csv = Path.Combine(settings.WorkDirectory, "large.csv");
        ContactCsv.Write(csv, records, i => ContactCsv.Valid(i, contracts));
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Initial sync: {Format.Count(records)} new contacts over {Format.Count(contracts)} contracts; Sandbox limits off, worker at " +
            $"{Format.Count(MaxWorkerBudget)} writes and calls/min (its maximum), no call spacing, {ParallelContracts} contracts in parallel."));
        var before = await sandbox.GetStatsAsync(cancellationToken);
        var initial = await WorkerRun.RunAsync(settings, Worker(csv), "worker-initial", cancellationToken);
        var initialCalls = (await sandbox.GetStatsAsync(cancellationToken)).Since(before);
        var creates = initialCalls.Creates;
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"  run: {Format.Duration(initial.WallTime)}, exit {initial.ExitCode}, {initial.Outcome}: {initial.Created} created, {initial.Failed} failed; calls: {initialCalls.Describe()}"));
        if (initial.Created != records)
        {
            throw new InvalidOperationException($"The initial sync created {initial.Created} of {records} records; see worker-initial.log.");
        }

        // The gate lets the first window's worth through at once, then one window (61 s) per budget.
        var gateBound = TimeSpan.FromSeconds(61.0 * Math.Max(0, records - MaxWorkerBudget) / MaxWorkerBudget);
        var createsPerMinute = creates / initial.WallTime.TotalMinutes;
        figures.Add(new Figure(
            $"Initial sync of {Format.Count(records)} (limits off)",
            $"{Format.Duration(initial.WallTime)}, {Format.Number(createsPerMinute, "0")} /min",
            $"gate {Format.Count(MaxWorkerBudget)} /min",
            Format.Ratio(createsPerMinute / MaxWorkerBudget),
            Verdict.Info));
        await output.WriteLineAsync(gateBound > TimeSpan.Zero
            ? $"  the worker's own budget alone needs at least {Format.Duration(gateBound)} for this many creates"
            : "  this many creates fit in the budget's first window: the time is the worker's and the machine's own");

        before = await sandbox.GetStatsAsync(cancellationToken);
        var noOp = await WorkerRun.RunAsync(settings, Worker(csv), "worker-noop", cancellationToken);
        var noOpCalls = (await sandbox.GetStatsAsync(cancellationToken)).Since(before);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"No-op re-sync: the same {Format.Count(records)} records, unchanged: {Format.Duration(noOp.WallTime)}, exit {noOp.ExitCode}, {noOp.Outcome}: " +
            $"{noOp.Unchanged} unchanged, {noOp.Created} created; calls: {noOpCalls.Describe()}"));
        figures.Add(Figure.Check($"No-op re-sync of {Format.Count(records)}: API calls", N(noOpCalls.Calls), "0", "-",
            noOpCalls.Calls == 0 && noOp.Unchanged == records));
        figures.Add(Figure.Check("  token calls", N(noOpCalls.TokenCalls), "0", "-", noOpCalls.TokenCalls == 0));
        figures.Add(new Figure("  wall time (process start to exit)",
            $"{Format.Duration(noOp.WallTime)}, {Format.Number(noOp.WallTime.TotalMicroseconds / records, "0")} us/record",
            $"initial sync {Format.Duration(initial.WallTime)}",
            Format.Ratio(noOp.WallTime / initial.WallTime),
            Verdict.Info));

        figures.AddRange(await MemoryAsync(settings, Worker, sandbox, output, cancellationToken));
        return figures;
    }

    /// <summary>
    /// The same worker over a small and a large source of the same shape. In the first 80 % of the rows, one in
    /// <c>stride</c> is a record synced above (unchanged: read, mapped, hashed, compared) and the others are rejected
    /// by validation (read, mapped, recorded in the ledger with their reason); the last 20 % have no usable source_id
    /// (empty, or a line the reader cannot parse), as when the tail of an export is damaged, and are recorded as
    /// rejected lines. None costs an API call, so a million rows take no million POSTs.
    /// </summary>
    private static async Task<IReadOnlyList<Figure>> MemoryAsync(
        BenchmarkSettings settings, Func<string, WorkerRun.Configuration> worker, SandboxProcess sandbox, TextWriter output, CancellationToken cancellationToken)
    {
        var synced = settings.NoOpRecords;
        var contracts = Math.Max(1, synced / RecordsPerContract);
        var keyedRows = settings.MemoryRows / 5 * 4;
        var stride = Math.Max(1, keyedRows / synced);
        Func<int, string> Shape(int rows) => i =>
            i >= rows / 5 * 4 ? ContactCsv.Unkeyed(i, contracts)
            : i % stride == 0 && i / stride < synced ? ContactCsv.Valid(i / stride, contracts)
            : ContactCsv.Invalid(i, contracts);

        var small = Path.Combine(settings.WorkDirectory, "memory-small.csv");
        var large = Path.Combine(settings.WorkDirectory, "memory-large.csv");
        ContactCsv.Write(small, settings.MemoryBoundRows, Shape(settings.MemoryBoundRows));
        ContactCsv.Write(large, settings.MemoryRows, Shape(settings.MemoryRows));
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Memory: sources of {Format.Count(settings.MemoryBoundRows)} and {Format.Count(settings.MemoryRows)} rows ({Format.Megabytes(new FileInfo(large).Length)}). " +
            $"First 80 %: 1 row in {stride} is an unchanged synced record, the others are rejected by validation (bad type, date, email, " +
            $"country or missing name) and recorded in the ledger; last 20 %: rows without a usable source_id (empty, or an unclosed quote), " +
            $"recorded as rejected lines. No row needs an API call."));

        var before = await sandbox.GetStatsAsync(cancellationToken);
        var bound = await WorkerRun.RunAsync(settings, worker(small), "worker-memory-small", cancellationToken);
        var measured = await WorkerRun.RunAsync(settings, worker(large), "worker-memory-large", cancellationToken);
        var calls = (await sandbox.GetStatsAsync(cancellationToken)).Since(before);
        foreach (var (rows, run) in new[] { (settings.MemoryBoundRows, bound), (settings.MemoryRows, measured) })
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  {Format.Count(rows)} rows: {Format.Duration(run.WallTime)} ({Format.Number(rows / run.WallTime.TotalSeconds, "0")} rows/s), peak RSS {Format.Megabytes(run.PeakRssBytes)}, " +
                $"exit {run.ExitCode}, {run.Outcome}: {run.Unchanged} unchanged, {run.Rejected} rejected, {run.Created} created"));
        }

        await output.WriteLineAsync($"  calls during both: {calls.Describe()}");
        var growth = (double)measured.PeakRssBytes / bound.PeakRssBytes;
        var complete = measured.Total == settings.MemoryRows && bound.Total == settings.MemoryBoundRows;
        return
        [
            new Figure($"Peak RSS, {Format.Count(settings.MemoryBoundRows)}-row source", Format.Megabytes(bound.PeakRssBytes), "-", "-", Verdict.Info),
            Figure.Check($"Peak RSS, {Format.Count(settings.MemoryRows)}-row source", Format.Megabytes(measured.PeakRssBytes),
                $"< {Format.Megabytes(MemoryTarget)}", Format.Ratio((double)measured.PeakRssBytes / MemoryTarget),
                measured.PeakRssBytes < MemoryTarget && complete),
            Figure.Check($"  growth over the {Format.Count(settings.MemoryBoundRows)}-row run", $"{Format.Number(growth, "0.00")}x",
                $"<= {MaximumGrowth:0.0}x (flat)", Format.Ratio(growth), growth <= MaximumGrowth),
            Figure.Check($"  API calls over both runs", N(calls.Calls + calls.TokenCalls), "0", "-", calls.Calls + calls.TokenCalls == 0),
        ];
    }

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
}
