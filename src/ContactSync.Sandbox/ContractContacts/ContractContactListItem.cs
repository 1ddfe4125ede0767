namespace ContactSync.Sandbox.ContractContacts;

/// <summary>
/// A ContractContact as a list or search returns it: partial, like real Nexudus list results. Notes and the
/// AML detail fields are left out, so a client that builds a PUT from a list record clears them.
/// </summary>
internal sealed record ContractContactListItem(
    int CoworkerContractId,
    int? CoworkerId,
    string? CoworkerFullName,
    string? CoworkerCompanyName,
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
    int ContractContactType,
    int AmlCheckStatus,
    int Id,
    Guid UniqueId,
    string CreatedOn,
    string UpdatedOn,
    string UpdatedBy,
    bool IsNew,
    string? SystemId);
