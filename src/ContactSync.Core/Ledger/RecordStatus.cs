namespace ContactSync.Core.Ledger;

/// <summary>The values of <c>sync_records.status</c>.</summary>
public static class RecordStatus
{
    public const string Pending = "pending";
    public const string InFlight = "in_flight";
    public const string Synced = "synced";
    public const string Rejected = "rejected";
    public const string Failed = "failed";

    /// <summary>Gone from the source; another record, the same person under a new key, holds its contact now.</summary>
    public const string Superseded = "superseded";

    /// <summary>Edited in Nexudus since ContactSync wrote it, and kept so (Conflicts=NexudusWins): for an operator.</summary>
    public const string Conflict = "conflict";

    /// <summary>Gone from the source, and its contact deleted from Nexudus (Mirror).</summary>
    public const string Removed = "removed";

    /// <summary>Its contact was deleted in Nexudus by somebody else, and this mode does not create it again (CreateOnly).</summary>
    public const string Gone = "gone";

    /// <summary>
    /// The states an operator's retry (the dashboard's requeue) sets back to pending: failed,
    /// rejected, and in flight once its run is gone. The pages offer Retry for these only.
    /// </summary>
    public static bool MayRetry(string status) => status is Failed or Rejected or InFlight;
}
