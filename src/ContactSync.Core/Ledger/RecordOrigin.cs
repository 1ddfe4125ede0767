namespace ContactSync.Core.Ledger;

/// <summary>How a record came to hold its contact (<c>sync_records.origin</c>).</summary>
public static class RecordOrigin
{
    /// <summary>ContactSync created it: its to remove (Mirror), and its fields the source's to clear (<c>EmptyValues=Clear</c>).</summary>
    public const string Created = "created";

    /// <summary>Found on the contract (typed in by somebody), adopted, or shared with another source: never cleared, removed only with MirrorFound.</summary>
    public const string Found = "found";
}
