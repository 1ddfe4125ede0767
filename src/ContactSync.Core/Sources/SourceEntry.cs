namespace ContactSync.Core.Sources;

/// <summary>One thing a source yields: a contact as the source wrote it, or a row it could not read.</summary>
public abstract record SourceEntry(long LineNumber);

/// <summary>
/// A contact exactly as the source holds it: raw strings, nothing validated. Mapping decides whether it
/// becomes a payload or a rejection.
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
    string? Notes) : SourceEntry(LineNumber);

/// <summary>A row the source could not read at all (a malformed CSV line, say). The reason holds no row content.</summary>
public sealed record MalformedEntry(long LineNumber, string Reason) : SourceEntry(LineNumber);
