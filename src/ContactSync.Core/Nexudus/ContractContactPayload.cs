using ContactSync.Core.Contacts;

namespace ContactSync.Core.Nexudus;

/// <summary>
/// What ContactSync wants a ContractContact to hold: the body of a create, and the fields it owns in an
/// update. Property names are Nexudus's (PascalCase on the wire).
/// </summary>
public sealed record ContractContactPayload
{
    public required int CoworkerContractId { get; init; }
    public required string FullName { get; init; }
    public required ContractContactType ContractContactType { get; init; }

    /// <summary>Always 0 (NotStarted) from us; Nexudus runs the AML check.</summary>
    public int AmlCheckStatus { get; init; }

    public string? Email { get; init; }

    /// <summary>Date only, sent as <c>YYYY-MM-DDT00:00:00</c> with no offset (Nexudus shifts values that carry one).</summary>
    public string? DateOfBirth { get; init; }

    public string? Address { get; init; }
    public string? PostCode { get; init; }
    public string? CityName { get; init; }
    public string? State { get; init; }
    public int? CountryId { get; init; }
    public string? PhoneNumber { get; init; }
    public string? Notes { get; init; }
}
