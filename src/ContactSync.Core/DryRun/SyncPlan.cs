using ContactSync.Core.Sources;
using ContactSync.Core.Sync;

namespace ContactSync.Core.DryRun;

/// <summary>What a run would do with one record.</summary>
public enum PlannedAction
{
    Create,
    Link,
    Update,
    Remove,
    Reject,
    Unchanged,

    /// <summary>A create in doubt: the run looks it up before anything else is sent for it.</summary>
    LookUp,

    /// <summary>Mirror would remove it, but more are to go than the source's limits allow: the run removes none and is held.</summary>
    RemoveHeld,

    /// <summary>Its source has not verified it (a KYC review not approved yet): nothing is sent, a contact already there stays.</summary>
    Unverified,
}

/// <summary>
/// One record in a dry run's plan. <see cref="Fields"/> names the fields an update changes, never their values, and
/// <see cref="LeftAlone"/> those it leaves as Nexudus holds them; <see cref="Line"/> is set for a row without a usable
/// source_id.
/// </summary>
public sealed record PlannedRecord(string? SourceId, PlannedAction Action)
{
    public long? Line { get; init; }
    public int? NexudusId { get; init; }
    public IReadOnlyList<string>? Fields { get; init; }

    /// <summary>For an update: fields written only where Nexudus holds nothing (<c>Fields__X=SetIfEmpty</c>).</summary>
    public IReadOnlyList<string>? SetIfEmpty { get; init; }

    /// <summary>For an update: fields the source does not own (not supplied, left empty and kept, ignored): Nexudus's values stay.</summary>
    public IReadOnlyList<string>? LeftAlone { get; init; }

    public string? Reason { get; init; }

    /// <summary>The company (by reference) whose contacts could not be read, for that rejection.</summary>
    public string? Company { get; init; }
}

/// <summary>A dry run's plan for one source: what the next run would do, record by record.</summary>
public sealed record SyncPlan(string Source, SyncMode Mode, IReadOnlyList<PlannedRecord> Records)
{
    /// <summary>Set when Mirror's removals exceed the source's limits: the run would remove none and end held.</summary>
    public string? HeldReason { get; init; }

    public int Count(PlannedAction action) => Records.Count(record => record.Action == action);
}
