namespace ContactSync.Worker.Metrics;

/// <summary>The metrics' log messages; event ids 5000–5099.</summary>
internal static partial class MetricsLogMessages
{
    [LoggerMessage(5001, LogLevel.Warning, "The standing figures for /metrics could not be read ({Error}); the last ones are kept")]
    public static partial void ReadFailed(ILogger logger, string error);
}
