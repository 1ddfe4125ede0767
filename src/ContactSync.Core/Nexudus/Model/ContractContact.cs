using ContactSync.Core.Contacts;

namespace ContactSync.Core.Nexudus.Model;

/// <summary>A ContractContact as Nexudus returns it in a list or a get, reduced to what ContactSync reads.</summary>
public sealed record ContractContact
{
    public int Id { get; init; }
    public int CoworkerContractId { get; init; }
    public string? FullName { get; init; }
    public ContractContactType ContractContactType { get; init; }
    public string? Email { get; init; }
    public string? DateOfBirth { get; init; }
    public string? Address { get; init; }
    public string? PostCode { get; init; }
    public string? CityName { get; init; }
    public string? State { get; init; }
    public int? CountryId { get; init; }
    public string? PhoneNumber { get; init; }
}
