using Microsoft.Extensions.Logging;

namespace ContactSync.Worker.Dashboard;

internal static partial class Log
{
    [LoggerMessage(4001, LogLevel.Warning,
        "Dashboard:Username and Dashboard:Password are not set: /hangfire and /contactsync answer loopback requests only (Dashboard:AllowAnonymousLoopback, for development)")]
    public static partial void DashboardLoopbackOnly(ILogger logger);

    [LoggerMessage(4003, LogLevel.Warning,
        "Dashboard:Username and Dashboard:Password are not set: /hangfire and /contactsync let nobody in (set them, or Dashboard:AllowAnonymousLoopback=true for development)")]
    public static partial void DashboardClosed(ILogger logger);

    [LoggerMessage(4004, LogLevel.Warning, "Failed dashboard login from {ClientAddress}")]
    public static partial void LoginFailed(ILogger logger, string clientAddress);

    [LoggerMessage(4005, LogLevel.Warning, "Dashboard logins from {ClientAddress} refused (429) after {Failures} failures within a minute")]
    public static partial void LoginThrottled(ILogger logger, string clientAddress, int failures);

    [LoggerMessage(4002, LogLevel.Information, "Operator retry for {Source}: {Requeued} record(s) set back to pending, job {JobId} queued")]
    public static partial void RetryRequested(ILogger logger, string source, int requeued, string jobId);
}
