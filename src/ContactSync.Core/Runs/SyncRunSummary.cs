using ContactSync.Core.Sources;
using ContactSync.Core.Sync;

namespace ContactSync.Core.Runs;

/// <summary>Why a run was <see cref="RunOutcome.Aborted"/>.</summary>
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

/// <summary>Counts of one run, and its <see cref="RunOutcome"/>. Each source record ends in exactly one of the counted states.</summary>
public sealed record SyncRunSummary(
    Guid RunId,
    string Source,
    string Outcome,
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

    /// <summary>Records their source holds but has not verified (a KYC review not approved yet): nothing was sent for them.</summary>
    public int Unverified { get; init; }

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
