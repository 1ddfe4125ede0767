namespace ContactSync.Sandbox.Seeds;

/// <summary>A Nexudus customer. Every seeded one is a company (CoworkerType 2).</summary>
internal sealed record Coworker(
    int Id,
    int CoworkerType,
    string FullName,
    string CompanyName,
    string BillingName,
    string Email,
    int CountryId,
    bool Active,
    bool Archived,
    string UniqueId,
    string CreatedOn,
    string UpdatedOn,
    string? SystemId = null)
{
    /// <summary>A VAT-style tax id: not the company number, which tenants keep in a custom field.</summary>
    public string? TaxIDNumber { get; init; }

    public string? ReferenceNumber { get; init; }

    /// <summary>The company's register number, as staff typed it (not always padded, not always upper case).</summary>
    public string? Custom1 { get; init; }

    public string? Custom2 { get; init; }
}
