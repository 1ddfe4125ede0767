using System.Globalization;

namespace ContactSync.Benchmarks.Processes;

/// <summary>
/// One <c>sync-once</c> of the real worker as its own process, configured only through its environment, as an
/// operator would run it. Measures what only the outside can see: wall time (process start to exit) and peak RSS.
/// </summary>
internal static class WorkerRun
{
    public sealed record Configuration(string Source, string CsvPath, string ConnectionString, Uri SandboxUrl)
    {
        public int WritesPerMinute { get; init; } = 60;
        public int CallsPerMinute { get; init; } = 120;
        public TimeSpan MinCallInterval { get; init; } = TimeSpan.FromMilliseconds(100);
        public int WritesPerDay { get; init; } = 5000;
        public int CallsPerHour { get; init; } = 5000;
        public int MaxParallelContracts { get; init; } = 4;

        /// <summary>Settings over the CSV source's (another source type, its keys).</summary>
        public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

        /// <summary>More <c>sync-once</c> options (<c>--company</c>).</summary>
        public IReadOnlyList<string> Arguments { get; init; } = [];
    }

    public sealed record Result(int ExitCode, TimeSpan WallTime, long PeakRssBytes, IReadOnlyDictionary<string, string> Summary, string LogPath)
    {
        public int Created => SummaryNumber("Created");
        public int Unchanged => SummaryNumber("Unchanged");
        public int Rejected => SummaryNumber("Rejected");
        public int Failed => SummaryNumber("Failed");
        public int Total => SummaryNumber("Total");
        public string Outcome => Summary.GetValueOrDefault("Outcome", "?");

        public int SummaryNumber(string label) =>
            int.TryParse(Summary.GetValueOrDefault(label), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
    }

    /// <summary>The worker's whole environment for <paramref name="configuration"/>, for <c>sync-once</c> or a host.</summary>
    public static Dictionary<string, string> Environment(Configuration configuration)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ConnectionStrings__ContactSync"] = configuration.ConnectionString,
            ["Nexudus__BaseUrl"] = configuration.SandboxUrl.ToString().TrimEnd('/'),
            ["Nexudus__Username"] = SandboxProcess.DefaultUsername,
            ["Nexudus__Password"] = SandboxProcess.DefaultPassword,
            ["Nexudus__WritesPerMinute"] = Invariant(configuration.WritesPerMinute),
            ["Nexudus__CallsPerMinute"] = Invariant(configuration.CallsPerMinute),
            ["Nexudus__MinCallInterval"] = configuration.MinCallInterval.ToString("c", CultureInfo.InvariantCulture),
            ["Nexudus__WritesPerDay"] = Invariant(configuration.WritesPerDay),
            ["Nexudus__CallsPerHour"] = Invariant(configuration.CallsPerHour),
            ["ContactSync__MaxParallelContracts"] = Invariant(configuration.MaxParallelContracts),
            ["ContactSync__Sources__0__Name"] = configuration.Source,
            ["ContactSync__Sources__0__Type"] = "Csv",
            ["ContactSync__Sources__0__Path"] = configuration.CsvPath,
            ["ContactSync__Sources__0__Schedule"] = "0 0 * * *",
        };

        foreach (var (key, value) in configuration.Environment)
        {
            environment[key] = value;
        }

        return environment;
    }

    public static async Task<Result> RunAsync(BenchmarkSettings settings, Configuration configuration, string logName, CancellationToken cancellationToken)
    {
        var environment = Environment(configuration);
        var logPath = Path.Combine(settings.WorkDirectory, logName + ".log");
        var started = TimeProvider.System.GetTimestamp();
        await using var process = DotnetApp.Create(settings.WorkerDll, ["sync-once", "--source", configuration.Source, .. configuration.Arguments], environment, logPath);
        process.Start();
        var peak = PeakMemory.FollowAsync(process, cancellationToken);
        var exitCode = await process.WaitForExitAsync(Timeout.InfiniteTimeSpan, cancellationToken);
        var wallTime = TimeProvider.System.GetElapsedTime(started);
        var result = new Result(exitCode, wallTime, await peak, ParseSummary(process.StandardOutput), logPath);

        // 0: all synced or unchanged; 1: some rejected or failed (the memory sources reject rows on purpose).
        if (exitCode > 1 || result.Summary.Count == 0)
        {
            throw new InvalidOperationException($"The worker's run '{logName}' ended with exit code {exitCode}; see {logName}.log in the work directory.");
        }

        return result;
    }

    /// <summary>How many lines of the run's log contain <paramref name="text"/>.</summary>
    public static int CountLogLines(Result run, string text) =>
        File.ReadLines(run.LogPath).Count(line => line.Contains(text, StringComparison.Ordinal));

    /// <summary>The lines "  Label:    value" of the summary <c>sync-once</c> prints.</summary>
    private static Dictionary<string, string> ParseSummary(string output)
    {
        var summary = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in output.Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (line.StartsWith("  ", StringComparison.Ordinal) && colon > 0)
            {
                summary[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }

        return summary;
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
