namespace ContactSync.Core.Ledger;

/// <summary>
/// A record claimed by a run: <see cref="Version"/> is the row's version after the claim (the next claim's
/// expected value), <see cref="FloorId"/> the highest Nexudus Id the ledger held when a create was claimed.
/// </summary>
public sealed record RecordClaim(long Version, int FloorId);

/// <summary>Where a settled record stands: <see cref="RecordState.Pending"/> when the source changed it meanwhile.</summary>
public sealed record SettledRecord(string Status, long Version);

/// <summary>Another record of the same source, contract and type, as <see cref="Push.PlacementStore.SiblingsAsync"/> reads it.</summary>
public sealed record SiblingRecord(string SourceId, string PayloadJson, int? NexudusId, string Status, bool InThisRun, string? SyncedPayloadJson)
{
    /// <summary>A create of it is in doubt: it may hold the person already.</summary>
    public bool InDoubt { get; init; }
}

/// <summary>Another source's record on a contract: its person, what it holds, and whether a create of it may be under way or in doubt.</summary>
public sealed record SharedRecord(
    string Source, string SourceId, string PayloadJson, int? NexudusId, string? Origin, bool InDoubt, bool InFlight, string? SyncedPayloadJson);
