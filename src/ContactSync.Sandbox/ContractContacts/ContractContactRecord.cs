namespace ContactSync.Sandbox.ContractContacts;

/// <summary>
/// A ContractContact as get-by-id returns it. Coworker* describe the linked coworker (CoworkerId), not the
/// contract's customer, and are null when no coworker is linked. IsNew is always false on a saved record;
/// SystemId is always null because nothing documents it as writable.
/// </summary>
internal sealed record ContractContactRecord(
    int CoworkerContractId,
    string? CoworkerContractTariffName,
    int? CoworkerId,
    string? CoworkerFullName,
    string? CoworkerCompanyName,
    string? CoworkerEmail,
    string? Email,
    string FullName,
    string? DateOfBirth,
    string? Address,
    string? PostCode,
    string? CityName,
    string? State,
    int? CountryId,
    string? CountryName,
    string? PhoneNumber,
    string? Notes,
    int ContractContactType,
    int AmlCheckStatus,
    string? AmlCheckDate,
    decimal? AmlOpenSanctionsScore,
    string? AmlOpenSanctionsResponse,
    string? AmlPappersResponse,
    string? AmlPappersStatus,
    string? AmlNotes,
    string? AmlClearedBy,
    string? AmlClearedOn,
    int Id,
    Guid UniqueId,
    string CreatedOn,
    string UpdatedOn,
    string UpdatedBy,
    bool IsNew,
    string? SystemId,
    string ToStringText);
