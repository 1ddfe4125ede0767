using ContactSync.Core.Runs;
using ContactSync.Core.Sync;

namespace ContactSync.Worker.Cli;

public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The run finished but did not sync everything: rejected or failed records, or it was skipped or aborted.</summary>
    public const int Incomplete = 1;

    /// <summary>
    /// Nothing could be done: bad configuration, unknown source, unreachable database, bad usage; or a run Nexudus
    /// stopped by refusing the configuration (credentials, a role, the base URL).
    /// </summary>
    public const int Fatal = 2;

    /// <summary>The run stopped cleanly because Nexudus's API budget is spent; run again after the time the summary gives.</summary>
    public const int BudgetExhausted = 3;

    /// <summary>The run lost its lease on the source to another run, which carries on; what this one sent is recorded.</summary>
    public const int LeaseLost = 4;

    /// <summary>
    /// Mirror would have removed more contacts than the source's limits allow: nothing was removed, the rest was done.
    /// If the removals are right, run again with <c>--confirm-removals</c>.
    /// </summary>
    public const int Held = 5;

    public static int For(SyncRunSummary summary) => summary switch
    {
        { Outcome: RunOutcome.Succeeded, Rejected: 0, Failed: 0 } => Success,
        { Outcome: RunOutcome.BudgetExhausted } => BudgetExhausted,
        { Outcome: RunOutcome.LeaseLost } => LeaseLost,
        { Outcome: RunOutcome.Held } => Held,
        { Outcome: RunOutcome.Aborted, AbortReason: AbortReason.NexudusConfiguration or AbortReason.SourceConfiguration } => Fatal,
        _ => Incomplete,
    };
}
