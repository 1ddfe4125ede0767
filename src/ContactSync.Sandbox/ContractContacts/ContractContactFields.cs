namespace ContactSync.Sandbox.ContractContacts;

/// <summary>Everything a client can write on a ContractContact; a PUT replaces all of it.</summary>
internal sealed record ContractContactFields(
    int CoworkerContractId,
    int? CoworkerId,
    string FullName,
    string? Email,
    DateOnly? DateOfBirth,
    string? Address,
    string? PostCode,
    string? CityName,
    string? State,
    int? CountryId,
    string? PhoneNumber,
    string? Notes,
    int ContractContactType,
    int AmlCheckStatus,
    DateTimeOffset? AmlCheckDate,
    string? AmlNotes);
