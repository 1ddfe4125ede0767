namespace ContactSync.Core.State;

/// <summary>A record the push still has to deal with in this run.</summary>
public sealed record PendingRecord(
    string SourceId,
    int CoworkerContractId,
    string PayloadJson,
    string PayloadHash,
    int? NexudusId,
    string Status,
    int Attempts)
{
    /// <summary>
    /// A create may already have reached Nexudus (a crash after the POST, or an answer lost on the way back):
    /// look on the contract before creating again.
    /// </summary>
    public bool InDoubt => NexudusId is null && (Status == RecordStatus.InFlight || Attempts > 0);
}
