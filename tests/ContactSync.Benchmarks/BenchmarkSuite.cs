using System.Globalization;
using ContactSync.Benchmarks.Reporting;
using ContactSync.Benchmarks.Scenarios;
using Npgsql;

namespace ContactSync.Benchmarks;

internal static class BenchmarkSuite
{
    /// <returns>0 when every figure with a target met it, 1 when one missed, 2 when the benchmark could not run.</returns>
    public static async Task<int> RunAsync(BenchmarkSettings settings, TextWriter output, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(settings.WorkDirectory);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"ContactSync benchmarks ({settings.ModeName}) on {Environment.ProcessorCount} cores; logs and sources in {settings.WorkDirectory}"));
        var started = TimeProvider.System.GetTimestamp();
        var figures = new List<Figure>();
        try
        {
            foreach (var (name, scenario) in new (string, Func<BenchmarkSettings, TextWriter, CancellationToken, Task<IReadOnlyList<Figure>>>)[]
                     {
                         ("backlog", BacklogScenario.RunAsync), ("large-source", LargeSourceScenario.RunAsync),
                         ("live-account", LiveAccountScenario.RunAsync), ("register", RegisterScenario.RunAsync), ("crm", CrmScenario.RunAsync), ("sumsub", SumsubScenario.RunAsync),
                         ("records-page", RecordsPageScenario.RunAsync), ("loaded-dashboard", LoadedDashboardScenario.RunAsync),
                     })
            {
                if (settings.Runs(name))
                {
                    await output.WriteLineAsync();
                    figures.AddRange(await scenario(settings, output, cancellationToken));
                }
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or HttpRequestException or IOException or NpgsqlException)
        {
            await output.WriteLineAsync($"Benchmark stopped: {ex.Message}");
            return 2;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await output.WriteLineAsync("Benchmark cancelled.");
            return 2;
        }

        await output.WriteLineAsync();
        await ResultTable.WriteAsync(output, figures);
        var missed = figures.Count(f => f.Verdict == Verdict.Fail);
        await output.WriteLineAsync();
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{(missed == 0 ? "Every target met" : $"{missed} target(s) missed")} in {Format.Duration(TimeProvider.System.GetElapsedTime(started))}."));
        return missed == 0 ? 0 : 1;
    }
}
