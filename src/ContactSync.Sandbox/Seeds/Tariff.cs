namespace ContactSync.Sandbox.Seeds;

/// <summary>A plan. SystemTariffType 10 is VirtualOffice; 0 stands in for every other kind here.</summary>
internal sealed record Tariff(
    int Id,
    string Name,
    bool IsVirtualOffice,
    int SystemTariffType,
    int MaximumCompanyAliases,
    int MaximumRecipients,
    decimal Price,
    string CurrencyCode,
    bool Archived,
    string UniqueId,
    string? SystemId = null);
