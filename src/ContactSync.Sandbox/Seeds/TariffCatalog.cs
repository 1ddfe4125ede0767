namespace ContactSync.Sandbox.Seeds;

/// <summary>
/// Three virtual-office plans that contracts cycle through, and one desk plan no seeded contract uses, so a
/// client that looks for virtual-office tariffs has something to leave out.
/// </summary>
internal static class TariffCatalog
{
    public const int VirtualOfficeType = 10;

    public static IReadOnlyList<Tariff> Build() =>
    [
        new(2201, "Virtual Office Essentials", true, VirtualOfficeType, 1, 2, 39m, "GBP", false, SeedIds.Guid(2201)),
        new(2202, "Virtual Office Business", true, VirtualOfficeType, 3, 5, 79m, "GBP", false, SeedIds.Guid(2202)),
        new(2203, "Virtual Office Premier", true, VirtualOfficeType, 10, 20, 149m, "GBP", false, SeedIds.Guid(2203)),
        new(2204, "Hot Desk Monthly", false, 0, 0, 0, 220m, "GBP", false, SeedIds.Guid(2204)),
    ];

    public static int VirtualOfficeCount => 3;
}
