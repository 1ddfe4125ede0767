using System.Globalization;
using ContactSync.Benchmarks.Processes;

namespace ContactSync.Benchmarks.Scenarios;

/// <summary>
/// A source scenario with every limit off: the Sandbox's, and the worker's budget at its highest, so the figures are
/// the calls themselves and not the waits between them.
/// </summary>
internal static class LimitsOff
{
    public static string[] SandboxSwitches(int contracts, params string[] more) =>
    [
        "--contracts", contracts.ToString(CultureInfo.InvariantCulture),
        "--writes-per-minute", "0", "--writes-per-day", "0", "--min-interval-ms", "0",
        "--calls-per-minute", "0", "--calls-per-hour", "0", "--calls-per-day", "0",
        .. more,
    ];

    /// <param name="environment">The source's own settings (its type and keys), over the CSV source's.</param>
    public static WorkerRun.Configuration Worker(string source, string database, Uri sandbox, IReadOnlyDictionary<string, string> environment) =>
        new(source, "-", database, sandbox)
        {
            WritesPerMinute = LargeSourceScenario.MaxWorkerBudget,
            CallsPerMinute = LargeSourceScenario.MaxWorkerBudget,
            WritesPerDay = LargeSourceScenario.MaxDailyBudget,
            CallsPerHour = LargeSourceScenario.MaxDailyBudget,
            MinCallInterval = TimeSpan.Zero,
            Environment = environment,
        };
}
