using Microsoft.Extensions.Logging;

namespace ContactSync.Core.Ledger;

/// <summary>The ledger's log messages, event ids 3300–3399: a run's lease on its source. A method's name is its event's name in the logs, so these keep theirs.</summary>
internal static partial class LedgerLogMessages
{
    [LoggerMessage(EventId = 3300, Level = LogLevel.Error, Message = "Run {RunId} lost its lease on source {Source}: {Reason}; it claims nothing more")]
    public static partial void LogLost(ILogger logger, string source, Guid runId, string reason);

    [LoggerMessage(EventId = 3301, Level = LogLevel.Warning, Message = "Renewing the lease of run {RunId} on source {Source} failed ({Error}); trying again")]
    public static partial void LogRenewalFailed(ILogger logger, string source, Guid runId, string error);

    [LoggerMessage(EventId = 3302, Level = LogLevel.Warning, Message = "The lease on source {Source} could not be released; it expires on its own within {Duration}")]
    public static partial void LogNotReleased(ILogger logger, string source, TimeSpan duration);
}
