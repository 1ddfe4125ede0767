using ContactSync.Benchmarks;

// Drives the real worker and the Sandbox as separate processes and prints figures against bounds measured
// in the same run. scripts/bench.sh builds, starts PostgreSQL and calls this; see docs/benchmarks.md.
if (!BenchmarkSettings.TryParse(args, out var settings, out var error))
{
    await Console.Error.WriteLineAsync(error);
    await Console.Error.WriteLineAsync(BenchmarkSettings.Usage);
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

return await BenchmarkSuite.RunAsync(settings, Console.Out, cancel.Token);
