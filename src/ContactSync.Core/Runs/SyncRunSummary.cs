using ContactSync.Core.Sources;
using ContactSync.Core.Sync;

namespace ContactSync.Core.Runs;

public enum SyncRunOutcome
{
    /// <summary>Every record ended synced or unchanged.</summary>
    Succeeded,

    /// <summary>The run finished, but some records were rejected or failed.</summary>
    CompletedWithErrors,

    /// <summary>Another run of the same source holds the lock; nothing was done.</summary>
    Skipped,

    /// <summary>The run stopped early: Nexudus unavailable or refusing the configuration, source unreadable, cancelled (see <see cref="AbortReason"/>).</summary>
    Aborted,

    /// <summary>
    /// The run stopped cleanly because Nexudus's hourly or daily API budget was spent; the records it did not reach
    /// stay pending and the next run carries on. The error says when the budget frees.
    /// </summary>
    BudgetExhausted,

    /// <summary>
    /// The run would have removed more contacts than the source's limits allow (MaxRemovals and MaxRemovalShare):
    /// it removed none, did everything else, and waits for an operator (<c>sync-once --confirm-removals</c>).
    /// </summary>
    Held,

    /// <summary>
    /// The run lost its hold on the source (its lease could not be renewed, or another run has it now) and stopped
    /// claiming records at once. Whatever it had sent is recorded; the run that holds the source carries on.
    /// </summary>
    LockLost,
}

/// <summary>Why a run was <see cref="SyncRunOutcome.Aborted"/>.</summary>
public enum AbortReason
{
    None,

    /// <summary>Nexudus could not be reached or kept failing: a later run may succeed.</summary>
    NexudusUnavailable,

    /// <summary>Nexudus refused the configuration (credentials, a role, the base URL): only an operator can fix it.</summary>
    NexudusConfiguration,

    /// <summary>The source refused the configuration (a key it does not accept): only an operator can fix it.</summary>
    SourceConfiguration,

    /// <summary>The source could not be read whole: missing, not a regular file, changed while it was read.</summary>
    SourceUnavailable,

    /// <summary>The worker is shutting down.</summary>
    Cancelled,
}

/// <summary>Counts of one run. Each source record ends in exactly one of the counted states.</summary>
public sealed record SyncRunSummary(
    Guid RunId,
    string Source,
    SyncRunOutcome Outcome,
    int Total,
    int Created,
    int Updated,
    int Adopted,
    int Linked,
    int Unchanged,
    int Rejected,
    int Failed,
    TimeSpan Duration,
    string? Error,
    AbortReason AbortReason = AbortReason.None)
{
    /// <summary>Contacts removed from Nexudus because their records are gone from the source (Mirror).</summary>
    public int Removed { get; init; }

    /// <summary>Updates that met an edit made in Nexudus since ContactSync wrote the contact, whichever side won.</summary>
    public int Conflicts { get; init; }

    /// <summary>Nexudus calls this run sent that read, and that wrote (retries included).</summary>
    public int NexudusReads { get; init; }

    public int NexudusWrites { get; init; }

    /// <summary>How long in all this run's calls waited for the API budget.</summary>
    public TimeSpan BudgetWaited { get; init; }
}

/// <summary>What an operator asked of one run beyond "sync this source".</summary>
/// <param name="ConfirmRemovals">Remove what Mirror would remove even beyond the source's removal limits.</param>
public sealed record RunRequest(bool ConfirmRemovals = false)
{
    public static RunRequest Default { get; } = new();

    /// <summary>What the run reads: everything (a scheduled pass), or some companies (a change the source announced).</summary>
    public SourceScope Scope { get; init; } = SourceScope.All;

    /// <summary>The Hangfire job the run is part of, so the dashboard links the two; null for the command line.</summary>
    public string? JobId { get; init; }
}
