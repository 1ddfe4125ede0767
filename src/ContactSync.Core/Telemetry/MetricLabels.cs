using ContactSync.Core.Ledger;

namespace ContactSync.Core.Telemetry;

/// <summary>
/// The label values each series of the product's metrics can take, so every one is exported from the first scrape (at
/// 0 where nothing happened yet): an alert on a series that does not exist yet never fires, or fires on its appearance.
/// </summary>
public static class MetricLabels
{
    /// <summary>How a run's records ended (<c>contactsync_records_total{outcome}</c>), in the run summary's buckets.</summary>
    public static IReadOnlyList<string> RecordOutcomes { get; } =
        ["created", "updated", "adopted", "linked", "unchanged", RecordState.Rejected, RecordState.Failed, RecordState.Removed, RecordState.Unverified];

    /// <summary>Records not in step (<c>contactsync_records_attention{status}</c>).</summary>
    public static IReadOnlyList<string> AttentionStatuses => RecordState.NeedingAttention;

    /// <summary>The Nexudus budget's windows (<c>contactsync_budget_remaining{window}</c>).</summary>
    public static IReadOnlyList<string> BudgetWindows { get; } = ["writes_minute", "writes_day", "calls_minute", "calls_hour"];

    /// <summary>Hangfire's queues (<c>contactsync_hangfire_jobs{state}</c>).</summary>
    public static IReadOnlyList<string> HangfireStates { get; } = ["enqueued", "processing", "scheduled", "failed"]; // vocabulary: Hangfire's states

    /// <summary>The alerts outbox (<c>contactsync_alerts_outbox{state}</c>).</summary>
    public static IReadOnlyList<string> OutboxStates { get; } = [OutboxPending, OutboxDead];

    /// <summary>An alert not delivered yet, and one given up on (<c>contactsync_alerts_outbox{state}</c>).</summary>
    public const string OutboxPending = "pending"; // vocabulary: the alerts outbox's

    public const string OutboxDead = "dead";

    /// <summary>
    /// The calls ContactSync sends Nexudus (<c>contactsync_nexudus_calls_total{method}</c>). Statuses are whatever Nexudus
    /// answers; 200 and 0 (no answer) are known, so a rate of either exists before the first call.
    /// </summary>
    public static IReadOnlyList<string> NexudusMethods { get; } = ["GET", "POST", "PUT", "DELETE"];

    public static IReadOnlyList<int> NexudusStatuses { get; } = [200, 0];
}
