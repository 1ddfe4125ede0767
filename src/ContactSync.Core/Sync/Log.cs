using ContactSync.Core.Nexudus;
using Microsoft.Extensions.Logging;

namespace ContactSync.Core.Sync;

/// <summary>The sync's log messages. Records are named by source and source_id only: never by their content.</summary>
internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} of source {Source} started")]
    public static partial void RunStarted(ILogger logger, Guid runId, string source);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} of source {Source} read {Total} records: {Unchanged} unchanged, {Rejected} rejected, {Pending} to push")]
    public static partial void Planned(ILogger logger, Guid runId, string source, int total, int unchanged, int rejected, int pending);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} of source {Source} ended {Outcome}: {Created} created, {Updated} updated, {Adopted} adopted, {Unchanged} unchanged, {Rejected} rejected, {Failed} failed in {DurationMs} ms")]
    public static partial void RunFinished(ILogger logger, Guid runId, string source, SyncRunOutcome outcome, int created, int updated, int adopted, int unchanged, int rejected, int failed, long durationMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId} of source {Source} aborted: {Error}")]
    public static partial void RunAborted(ILogger logger, Guid runId, string source, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId} of source {Source} stopped: the Nexudus budget of {Limit} {Budget} is spent until {FreesAt}; {Waiting} records wait for the next run")]
    public static partial void BudgetExhausted(ILogger logger, Guid runId, string source, string budget, int limit, DateTimeOffset freesAt, int waiting);

    [LoggerMessage(Level = LogLevel.Information, Message = "Source {Source} is already being synced elsewhere; skipping")]
    public static partial void Skipped(ILogger logger, string source);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Closed {Count} abandoned run(s) of source {Source}")]
    public static partial void ClosedAbandoned(ILogger logger, int count, string source);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Create of {Source}/{SourceId} ended in doubt (attempt {Attempt}); looking it up before trying again")]
    public static partial void CreateInDoubt(ILogger logger, string source, string sourceId, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Adopted existing ContractContact {NexudusId} for {Source}/{SourceId}")]
    public static partial void Adopted(ILogger logger, string source, string sourceId, int nexudusId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Nexudus rejected {Source}/{SourceId}; kept as rejected until its data changes")]
    public static partial void RejectedByNexudus(ILogger logger, string source, string sourceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Write of {Source}/{SourceId} failed ({Status}); the next run retries it")]
    public static partial void WriteFailed(ILogger logger, string source, string sourceId, WriteStatus status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ContractContact of {Source}/{SourceId} was deleted in Nexudus; creating it again")]
    public static partial void RecreatingDeleted(ILogger logger, string source, string sourceId);
}
