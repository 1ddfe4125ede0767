namespace ContactSync.Core.Ledger;

/// <summary>One record as the ledger holds it (all of it a dry run needs to say what a run would do with it).</summary>
public sealed record LedgerEntry(
    string SourceId,
    int? CoworkerContractId,
    short? ContactType,
    string? DesiredPayloadJson,
    string? DesiredHash,
    string? SyncedHash,
    string? AttemptedHash,
    string? SyncedPayloadJson,
    int? NexudusId,
    string Status,
    bool InDoubt,
    string? Origin,
    string? LastError)
{
    public string? CompanyRef { get; init; }
}
