using ContactSync.Core.Nexudus;
using ContactSync.Core.Nexudus.Model;
using ContactSync.Core.Push;
using Microsoft.Extensions.Logging;

namespace ContactSync.Core.Runs;

/// <summary>The sync's log messages, event ids 3100–3199. Records are named by source and source_id only: never by their content.</summary>
internal static partial class RunLogMessages
{
    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Run {RunId} of source {Source} started")]
    public static partial void RunStarted(ILogger logger, Guid runId, string source);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Information, Message = "Run {RunId} of source {Source} read {Total} records: {Unchanged} unchanged, {Rejected} rejected, {Pending} to push")]
    public static partial void Planned(ILogger logger, Guid runId, string source, int total, int unchanged, int rejected, int pending);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Information, Message = "Run {RunId} of source {Source} ended {Outcome}: {Created} created, {Updated} updated, {Adopted} adopted, {Linked} linked, {Unchanged} unchanged, {Rejected} rejected, {Failed} failed in {DurationMs} ms")]
    public static partial void RunFinished(ILogger logger, Guid runId, string source, string outcome, int created, int updated, int adopted, int linked, int unchanged, int rejected, int failed, long durationMs);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Warning, Message = "Run {RunId} of source {Source} aborted: {Error}")]
    public static partial void RunAborted(ILogger logger, Guid runId, string source, string error);

    [LoggerMessage(EventId = 3105, Level = LogLevel.Warning, Message = "Run {RunId} of source {Source} stopped: the Nexudus budget of {Limit} {Budget} is spent until {FreesAt}; {Waiting} records wait for the next run")]
    public static partial void BudgetExhausted(ILogger logger, Guid runId, string source, string budget, int limit, DateTimeOffset freesAt, int waiting);

    [LoggerMessage(EventId = 3106, Level = LogLevel.Information, Message = "Source {Source} is already being synced elsewhere; skipping")]
    public static partial void Skipped(ILogger logger, string source);

    [LoggerMessage(EventId = 3107, Level = LogLevel.Warning, Message = "Closed {Count} abandoned run(s) of source {Source}")]
    public static partial void ClosedAbandoned(ILogger logger, int count, string source);

    [LoggerMessage(EventId = 3108, Level = LogLevel.Warning, Message = "Create of {Source}/{SourceId} ended in doubt; looking it up before anything else is sent")]
    public static partial void CreateInDoubt(ILogger logger, string source, string sourceId);

    [LoggerMessage(EventId = 3109, Level = LogLevel.Warning, Message = "Adopted the newest of {Others} more contact(s) matching {Source}/{SourceId}: {NexudusId}; the others may be duplicates an operator should look at")]
    public static partial void AdoptedNewestOfSeveral(ILogger logger, string source, string sourceId, int nexudusId, int others);

    [LoggerMessage(EventId = 3110, Level = LogLevel.Error, Message = "ContractContact {NexudusId} was created for {Source}/{SourceId}, but the record's claim was no longer this run's; a later look-up adopts it")]
    public static partial void SettledElsewhere(ILogger logger, string source, string sourceId, int nexudusId);

    [LoggerMessage(EventId = 3111, Level = LogLevel.Information, Message = "{Source}/{SourceId} changed after this run read it; sending nothing for it")]
    public static partial void ClaimRefused(ILogger logger, string source, string sourceId);

    [LoggerMessage(EventId = 3112, Level = LogLevel.Error, Message = "Run {RunId} of source {Source} lost its lease on the source: {Reason}; it stopped claiming records")]
    public static partial void LeaseLost(ILogger logger, Guid runId, string source, string reason);

    [LoggerMessage(EventId = 3113, Level = LogLevel.Information, Message = "Adopted existing ContractContact {NexudusId} for {Source}/{SourceId}")]
    public static partial void Adopted(ILogger logger, string source, string sourceId, int nexudusId);

    [LoggerMessage(EventId = 3114, Level = LogLevel.Warning, Message = "Nexudus rejected {Source}/{SourceId}; kept as rejected until its data changes")]
    public static partial void RejectedByNexudus(ILogger logger, string source, string sourceId);

    [LoggerMessage(EventId = 3115, Level = LogLevel.Warning, Message = "Write of {Source}/{SourceId} failed ({Status}); the next run retries it")]
    public static partial void WriteFailed(ILogger logger, string source, string sourceId, WriteStatus status);

    [LoggerMessage(EventId = 3116, Level = LogLevel.Warning, Message = "ContractContact of {Source}/{SourceId} was deleted in Nexudus; creating it again")]
    public static partial void RecreatingDeleted(ILogger logger, string source, string sourceId);

    [LoggerMessage(EventId = 3117, Level = LogLevel.Information, Message = "Linked {Source}/{SourceId} to ContractContact {NexudusId}, already on its contract")]
    public static partial void Linked(ILogger logger, string source, string sourceId, int nexudusId);

    [LoggerMessage(EventId = 3118, Level = LogLevel.Warning, Message = "{Source}/{SourceId} not sent: {Count} contacts on its contract are this person; an operator must decide")]
    public static partial void Ambiguous(ILogger logger, string source, string sourceId, int count);

    [LoggerMessage(EventId = 3119, Level = LogLevel.Warning, Message = "{Source}/{SourceId} not sent: it is the same person as source_id {Twin}")]
    public static partial void SamePersonTwice(ILogger logger, string source, string sourceId, string twin);

    [LoggerMessage(EventId = 3120, Level = LogLevel.Information, Message = "{Source}/{SourceId} took over ContractContact {NexudusId} from source_id {Former}, gone from the source under its old key")]
    public static partial void TookOver(ILogger logger, string source, string sourceId, string former, int nexudusId);

    [LoggerMessage(EventId = 3121, Level = LogLevel.Information, Message = "{Source}/{SourceId} shares ContractContact {NexudusId} with source {Other}: the same person")]
    public static partial void Shared(ILogger logger, string source, string sourceId, int nexudusId, string other);

    [LoggerMessage(EventId = 3122, Level = LogLevel.Information, Message = "{Source}/{SourceId} waits: source {Other} is creating the same person's contact on the contract")]
    public static partial void WaitingForOtherSource(ILogger logger, string source, string sourceId, string other);

    [LoggerMessage(EventId = 3123, Level = LogLevel.Debug, Message = "{Source}/{SourceId} not written: ContractContact {NexudusId} is written by source {Writer}, which ranks first")]
    public static partial void Deferred(ILogger logger, string source, string sourceId, int nexudusId, string writer);

    [LoggerMessage(EventId = 3124, Level = LogLevel.Information, Message = "{Source}/{SourceId} is gone from the source; ContractContact {NexudusId} stays, held by {Holders}")]
    public static partial void LetGo(ILogger logger, string source, string sourceId, int nexudusId, string holders);

    [LoggerMessage(EventId = 3125, Level = LogLevel.Warning, Message = "ContractContact of {Source}/{SourceId} was edited in Nexudus since ContactSync wrote it ({Fields}); Nexudus's values kept for an operator")]
    public static partial void ConflictKept(ILogger logger, string source, string sourceId, string fields);

    [LoggerMessage(EventId = 3126, Level = LogLevel.Warning, Message = "ContractContact of {Source}/{SourceId} was edited in Nexudus since ContactSync wrote it ({Fields}); overwritten with the source's values")]
    public static partial void ConflictOverwritten(ILogger logger, string source, string sourceId, string fields);

    [LoggerMessage(EventId = 3127, Level = LogLevel.Information, Message = "Removed ContractContact {NexudusId} of {Source}/{SourceId}, gone from the source")]
    public static partial void Removed(ILogger logger, string source, string sourceId, int nexudusId);

    [LoggerMessage(EventId = 3128, Level = LogLevel.Warning, Message = "Run {RunId} of source {Source} held: it would remove {Count} of the source's {Held} contacts, more than its limits allow; nothing was removed")]
    public static partial void RemovalsHeld(ILogger logger, Guid runId, string source, int count, int held);

    [LoggerMessage(EventId = 3129, Level = LogLevel.Information, Message = "Dry run of source {Source}: {Creates} creates, {Links} links, {Updates} updates, {Removals} removals, {Rejections} rejections; nothing was written")]
    public static partial void DryRunPlanned(ILogger logger, string source, int creates, int links, int updates, int removals, int rejections);

    [LoggerMessage(EventId = 3130, Level = LogLevel.Information, Message = "Drift check of source {Source}: {Held} contacts compared with Nexudus; {Deleted} deleted there ({DeletedAction}), {Edited} edited there ({EditedAction})")]
    public static partial void DriftChecked(ILogger logger, string source, int held, int deleted, string deletedAction, int edited, string editedAction);

    [LoggerMessage(EventId = 3131, Level = LogLevel.Warning, Message = "Drift check of source {Source}: Nexudus's list lacks {Missing} of the {Held} contacts the ledger holds, too many to be believed; none is treated as deleted")]
    public static partial void DriftNotTrusted(ILogger logger, string source, int missing, int held);

    [LoggerMessage(EventId = 3132, Level = LogLevel.Information, Message = "Run {RunId} of source {Source}: calls waited {Count} times for the Nexudus API budget, {Seconds} s in all; waiting is the budget pacing the run, nothing failed")]
    public static partial void WaitedForBudget(ILogger logger, Guid runId, string source, long count, long seconds);

    [LoggerMessage(EventId = 3133, Level = LogLevel.Warning, Message = "Run {RunId} of source {Source} held: {Count} records are gone from the source, but {Unreadable} row(s) could not be read by key and may be any of them; nothing was removed")]
    public static partial void RemovalsBlocked(ILogger logger, Guid runId, string source, int count, int unreadable);

    [LoggerMessage(EventId = 3134, Level = LogLevel.Information, Message = "Run {RunId} of source {Source} removes nothing: its read ({Scope}) was not a complete one (an incremental read, or one cut short), so it proves no record gone")]
    public static partial void RemovalsNotProven(ILogger logger, Guid runId, string source, string scope);
}
