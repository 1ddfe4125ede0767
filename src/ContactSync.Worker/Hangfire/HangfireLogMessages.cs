using Microsoft.Extensions.Logging;

namespace ContactSync.Worker.Hangfire;

/// <summary>Hangfire's and the schedules' log messages, event ids 2000–2099.</summary>
internal static partial class HangfireLogMessages
{
    [LoggerMessage(2001, LogLevel.Information, "Recurring job {RecurringJobId} registered with schedule {Schedule} (UTC)")]
    public static partial void RecurringJobRegistered(ILogger logger, string recurringJobId, string schedule);

    [LoggerMessage(2002, LogLevel.Information, "Recurring job {RecurringJobId} removed: its source is no longer configured")]
    public static partial void RecurringJobRemoved(ILogger logger, string recurringJobId);

    [LoggerMessage(2003, LogLevel.Information, "Hangfire runs {Workers} job(s) at once on this replica, for {Sources} source(s)")]
    public static partial void Workers(ILogger logger, int workers, int sources);

    [LoggerMessage(2004, LogLevel.Warning,
        "Hangfire__WorkerCount is {Workers}, fewer than the {Sources} sources: sources due together wait for one another's runs to end (unset it to run one per source)")]
    public static partial void FewerWorkersThanSources(ILogger logger, int workers, int sources);
}
