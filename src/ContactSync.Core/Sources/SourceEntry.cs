using ContactSync.Core.Contacts;

namespace ContactSync.Core.Sources;

/// <summary>One thing a source yields: a contact as the source wrote it, a row or company it could not read, or the end of a read.</summary>
public abstract record SourceEntry(long LineNumber);

/// <summary>
/// A contact exactly as the source holds it: raw strings, nothing validated. Mapping decides whether it
/// becomes a payload or a rejection. It is attached to a contract directly (<see cref="CoworkerContractId"/>) or
/// through the company it belongs to (<see cref="CompanyRef"/>), which contract resolution turns into a contract.
/// </summary>
public sealed record SourceContact(
    long LineNumber,
    string? SourceId,
    string? CoworkerContractId,
    string? ContactType,
    string? FullName,
    string? Email,
    string? DateOfBirth,
    string? Address,
    string? PostCode,
    string? City,
    string? State,
    string? Country,
    string? Phone,
    string? Notes) : SourceEntry(LineNumber)
{
    /// <summary>The company (register number, CRM company id) whose contract this contact belongs on, when no contract is given.</summary>
    public string? CompanyRef { get; init; }

    /// <summary>
    /// What the source itself found wrong with the contact (a birth date it cannot read, a role with no company), in
    /// words that hold no personal data: the contact is rejected under its key with this reason.
    /// </summary>
    public string? Problem { get; init; }

    /// <summary>
    /// The source holds this contact but has not verified it (a KYC review not approved yet), in words that hold no
    /// personal data ("pending"): nothing is written for it, and a contact already written for it stays.
    /// </summary>
    public string? NotVerified { get; init; }

    /// <summary>
    /// The ContractContact fields the source supplies for this contact, empty or not (a CSV: the columns its header
    /// has). A field outside it is never the source's to write. Null: only the fields with a value.
    /// </summary>
    public ContactFields? Supplied { get; init; }
}

/// <summary>A row the source could not read at all (a malformed CSV line, say). The reason holds no row content.</summary>
public sealed record MalformedEntry(long LineNumber, string Reason) : SourceEntry(LineNumber);

/// <summary>
/// A company whose contacts could not be read (the register failed for it, or it resolves to no contract): nothing
/// is known of its contacts in this read, so none of them counts as gone. The reason names the company by its
/// reference, never by name. Its line is its place in the read, as for every entry of a source without lines.
/// </summary>
public sealed record CompanyUnread(long LineNumber, string CompanyRef, string Reason) : SourceEntry(LineNumber);

/// <summary>
/// A company whose contacts were all read (yielded before it, in this read): for a source read company by company, a
/// record of this company that the read did not yield is gone.
/// </summary>
public sealed record CompanyRead(string CompanyRef) : SourceEntry(0);

/// <summary>
/// The last entry of a read that got to its end: within the read's <see cref="SourceScope"/>, a record the source
/// no longer yields is gone (what Mirror removes). With <paramref name="ByCompany"/>, only records of the companies
/// the read reported as <see cref="CompanyRead"/> count as gone: a company the source did not read this time (no
/// longer resolved, say) keeps its contacts. A read that ends without this entry (an incremental read, one cut short)
/// says nothing about absence, and nothing is removed after it.
/// </summary>
public sealed record ReadCompleted(bool ByCompany = false) : SourceEntry(0);

/// <summary>
/// A point in a read up to which the source may remember its progress (a CRM's modified-date watermark): every entry
/// yielded before it is stored in the ledger first, then <see cref="CommitAsync"/> runs. A dry run never commits, nor
/// does a read cut short before it.
/// </summary>
public sealed record SourceCheckpoint(Func<CancellationToken, Task> CommitAsync) : SourceEntry(0);
