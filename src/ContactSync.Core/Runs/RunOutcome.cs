namespace ContactSync.Core.Runs;

/// <summary>
/// How a run ended: the one spelling of each outcome, as <c>sync_runs.status</c> stores it and as the command line, the
/// pages, the operator's API, the logs, the metrics and the alerts show it. SQL text takes these constants
/// (<c>'{RunOutcome.Running}'</c>).
/// </summary>
public static class RunOutcome
{
    /// <summary>Not ended yet: the run holds its source's lease, or died holding it (closed as abandoned by the next run).</summary>
    public const string Running = "running";

    /// <summary>Every record ended synced or unchanged.</summary>
    public const string Succeeded = "succeeded";

    /// <summary>The run finished, but some records were rejected or failed.</summary>
    public const string CompletedWithErrors = "completed_with_errors";

    /// <summary>Another run of the same source holds its lease; nothing was done.</summary>
    public const string Skipped = "skipped";

    /// <summary>The run stopped early: Nexudus unavailable or refusing the configuration, source unreadable, cancelled (see <see cref="AbortReason"/>).</summary>
    public const string Aborted = "aborted";

    /// <summary>
    /// The run stopped cleanly because Nexudus's hourly or daily API budget was spent; the records it did not reach
    /// stay pending and the next run carries on. The error says when the budget frees.
    /// </summary>
    public const string BudgetExhausted = "budget_exhausted";

    /// <summary>
    /// The run would have removed more contacts than the source's limits allow (MaxRemovals and MaxRemovalShare):
    /// it removed none, did everything else, and waits for an operator (<c>sync-once --confirm-removals</c>).
    /// </summary>
    public const string Held = "held";

    /// <summary>
    /// The run lost its lease on the source (it could not be renewed, or another run has it now) and stopped claiming
    /// records at once. Whatever it had sent is recorded; the run that holds the lease carries on.
    /// </summary>
    public const string LeaseLost = "lease_lost";

    /// <summary>Every outcome a run can be stored with, in the order the pages list them.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Running, Succeeded, CompletedWithErrors, Skipped, Aborted, BudgetExhausted, LeaseLost, Held];

    /// <summary>The outcomes of runs that did something: what the charts and the run statistics count.</summary>
    public static IReadOnlyList<string> Worked { get; } = [Succeeded, CompletedWithErrors, Held, BudgetExhausted, Aborted, LeaseLost];

    /// <summary>The outcomes whose counts describe a whole read (an aborted run's may stop anywhere).</summary>
    public static IReadOnlyList<string> ReadWhole { get; } = [Succeeded, CompletedWithErrors, Held, BudgetExhausted];
}
