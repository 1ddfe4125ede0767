using Microsoft.Extensions.Logging;

namespace ContactSync.Worker.Hangfire;

internal static partial class Log
{
    [LoggerMessage(2001, LogLevel.Information, "Recurring job {RecurringJobId} registered with schedule {Schedule} (UTC)")]
    public static partial void RecurringJobRegistered(ILogger logger, string recurringJobId, string schedule);

    [LoggerMessage(2002, LogLevel.Information, "Recurring job {RecurringJobId} removed: its source is no longer configured")]
    public static partial void RecurringJobRemoved(ILogger logger, string recurringJobId);
}
