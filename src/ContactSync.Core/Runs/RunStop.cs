using ContactSync.Core.Ledger;
using ContactSync.Core.Nexudus;
using ContactSync.Core.Paging;
using ContactSync.Core.Sources;

namespace ContactSync.Core.Runs;

internal enum RunStopKind
{
    BudgetExhausted,
    LeaseLost,
    NexudusConfiguration,
    NexudusUnavailable,
    SourceUnavailable,
    SourceConfiguration,
}

/// <summary>
/// Why a run stopped taking records before it had pushed them all. Every lane finishes the record it is on (its
/// call is bounded by the client's timeouts) and takes no other; the message is shown to operators.
/// </summary>
internal sealed record RunStop(RunStopKind Kind, string Message, NexudusBudgetExhaustedException? Budget = null)
{
    /// <summary>The stop an exception means, or null for one that is a fault of its own (a database error, a bug).</summary>
    public static RunStop? For(Exception exception) => exception switch
    {
        NexudusBudgetExhaustedException budget => new(RunStopKind.BudgetExhausted, budget.Message, budget),
        SourceLeaseLostException lost => new(RunStopKind.LeaseLost, lost.Message),
        NexudusConfigurationException refused => new(RunStopKind.NexudusConfiguration, refused.Message),
        NexudusUnavailableException unavailable => new(RunStopKind.NexudusUnavailable, unavailable.Message),
        SourceBudgetExhaustedException sourceBudget => new(RunStopKind.BudgetExhausted, sourceBudget.Message),
        SourceConfigurationException refusedBySource => new(RunStopKind.SourceConfiguration, refusedBySource.Message),
        SourceUnavailableException unreadable => new(RunStopKind.SourceUnavailable, unreadable.Message),
        // A source whose paging got nowhere: its read did not end, so it is as unavailable as one that failed (Nexudus's
        // own lists turn it into NexudusUnavailableException first).
        PagingStalledException stalled => new(RunStopKind.SourceUnavailable, stalled.Message),
        _ => null,
    };
}
