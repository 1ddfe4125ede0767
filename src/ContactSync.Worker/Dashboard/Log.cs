using Microsoft.Extensions.Logging;

namespace ContactSync.Worker.Dashboard;

internal static partial class Log
{
    [LoggerMessage(4001, LogLevel.Warning,
        "Dashboard:Username and Dashboard:Password are not set: /hangfire and /contactsync answer loopback requests only")]
    public static partial void DashboardLoopbackOnly(ILogger logger);

    [LoggerMessage(4002, LogLevel.Information, "Operator retry for {Source}: {Requeued} record(s) set back to pending, job {JobId} queued")]
    public static partial void RetryRequested(ILogger logger, string source, int requeued, string jobId);
}
