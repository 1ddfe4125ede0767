using Microsoft.Extensions.Logging;

namespace ContactSync.Core.Alerts;

/// <summary>The alerts' log messages, event ids 7000–7099: source names, conditions, event ids and what receivers answered; never a URL or the secret.</summary>
internal static partial class AlertLogMessages
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Alert {Kind} {Condition} for {Source} raised as event {AlertId}")]
    public static partial void Raised(ILogger logger, string kind, string condition, string source, Guid alertId);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Information, Message = "Alert event {AlertId} delivered to the {Target} on attempt {Attempt}")]
    public static partial void Delivered(ILogger logger, Guid alertId, string target, int attempt);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Warning, Message = "Alert event {AlertId} not delivered to the {Target} on attempt {Attempt} ({Error}); trying again in {RetryIn}")]
    public static partial void NotDelivered(ILogger logger, Guid alertId, string target, int attempt, string error, TimeSpan retryIn);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Error, Message = "Alert event {AlertId} given up on after {Attempts} attempts to the {Target} ({Error})")]
    public static partial void GaveUp(ILogger logger, Guid alertId, string target, int attempts, string error);

    [LoggerMessage(EventId = 7005, Level = LogLevel.Error, Message = "{Count} alert(s) given up on: raised too long ago to be news, or for a target no longer configured")]
    public static partial void GaveUpStale(ILogger logger, int count);
}
