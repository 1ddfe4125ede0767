namespace ContactSync.Core.Ledger;

/// <summary>
/// A record the push still has to deal with in this run, as it stood when the run read it. No payload when its
/// source row is invalid: then only a create in doubt, or a claim left in flight, remains to be resolved.
/// <see cref="ReadAt"/> is the <see cref="TimeProvider"/> timestamp taken once it was read: any listing of Nexudus made
/// after it post-dates the end of the record's last in-flight claim.
/// </summary>
public sealed record PendingRecord(
    string SourceId,
    int CoworkerContractId,
    string? PayloadJson,
    string? PayloadHash,
    int? NexudusId,
    string Status,
    int Attempts,
    long Version,
    bool InDoubt,
    string? AttemptedPayloadJson,
    int? AttemptFloorId,
    long ReadAt)
{
    /// <summary>What ContactSync last wrote to the record's contact; null when it has written nothing to it (a found contact).</summary>
    public string? SyncedPayloadJson { get; init; }

    /// <summary>How the record came to hold its contact (<see cref="RecordOrigin"/>); null while it holds none.</summary>
    public string? Origin { get; init; }
}
