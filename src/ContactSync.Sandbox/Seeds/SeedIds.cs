using System.Globalization;

namespace ContactSync.Sandbox.Seeds;

/// <summary>The documented id schemes of the seed data.</summary>
internal static class SeedIds
{
    public const int ContractBase = 1000;
    public const int CoworkerBase = 500;

    public static int ContractId(int n) => ContractBase + n;

    public static int CoworkerId(int n) => CoworkerBase + n;

    /// <summary>A fixed GUID per seeded id, so UniqueIds are the same on every run.</summary>
    public static string Guid(int id) =>
        string.Create(CultureInfo.InvariantCulture, $"5a9d0000-0000-4000-8000-{id:D12}");
}
