namespace ContactSync.Core.Sync;

public enum SyncRunOutcome
{
    /// <summary>Every record ended synced or unchanged.</summary>
    Succeeded,

    /// <summary>The run finished, but some records were rejected or failed.</summary>
    CompletedWithErrors,

    /// <summary>Another run of the same source holds the lock; nothing was done.</summary>
    Skipped,

    /// <summary>The run stopped early: Nexudus unavailable, source unreadable, cancelled.</summary>
    Aborted,

    /// <summary>
    /// The run stopped cleanly because Nexudus's hourly or daily API budget was spent; the records it did not reach
    /// stay pending and the next run carries on. The error says when the budget frees.
    /// </summary>
    BudgetExhausted,
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
    int Unchanged,
    int Rejected,
    int Failed,
    TimeSpan Duration,
    string? Error);
