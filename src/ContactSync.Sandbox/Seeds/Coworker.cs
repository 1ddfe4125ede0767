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
    string? SystemId = null);
