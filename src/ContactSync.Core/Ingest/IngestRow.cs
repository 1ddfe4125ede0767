using ContactSync.Core.Ledger;
namespace ContactSync.Core.Ingest;

/// <summary>
/// One keyed source record as the ingest stores it: either a mapped payload (as JSON with its hash) or the
/// reason mapping rejected it.
/// </summary>
public sealed record IngestRow(
    string SourceId,
    long LineNumber,
    int? CoworkerContractId,
    short? ContactType,
    string? PayloadJson,
    string? PayloadHash,
    string? RejectionReason)
{
    /// <summary>The company the contact belongs to (normalised), when its source named one.</summary>
    public string? CompanyRef { get; init; }

    /// <summary>Held by its source but not verified there: stored <c>unverified</c>, its reason the state in words.</summary>
    public bool NotVerified { get; init; }
}
