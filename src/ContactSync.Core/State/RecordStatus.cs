namespace ContactSync.Core.State;

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
}
