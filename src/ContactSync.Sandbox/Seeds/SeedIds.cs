using System.Globalization;

namespace ContactSync.Sandbox.Seeds;

/// <summary>The documented id schemes of the seed data.</summary>
internal static class SeedIds
{
    public const int ContractBase = 1000;
    public const int CoworkerBase = 500;

    public static int ContractId(int n) => ContractBase + n;

    public static int CoworkerId(int n) => CoworkerBase + n;

    /// <summary>The resolution edge cases (<see cref="SeedOptions.ResolutionEdgeCases"/>) sit apart: 900001 and up, on coworkers 800001 and up.</summary>
    public static int EdgeContractId(int k) => 900_000 + k;

    public static int EdgeCoworkerId(int k) => 800_000 + k;

    /// <summary>
    /// Company N's register number: every tenth from 3 is Scottish (<c>SC1000NN</c>), the rest eight digits
    /// (<c>0100NNNN</c>).
    /// </summary>
    public static string CompanyNumber(int n) => n % 10 == 3
        ? string.Create(CultureInfo.InvariantCulture, $"SC{100000 + n:D6}")
        : string.Create(CultureInfo.InvariantCulture, $"{1_000_000 + n:D8}");

    /// <summary>The number as staff typed it into the coworker: leading zeros dropped or lower case now and then.</summary>
    public static string CompanyNumberAsTyped(int n) => (n % 4, n % 10) switch
    {
        (0, not 3) => CompanyNumber(n).TrimStart('0'),
        (1, 3) => CompanyNumber(n).ToLowerInvariant(),
        _ => CompanyNumber(n),
    };

    /// <summary>A fixed GUID per seeded id, so UniqueIds are the same on every run.</summary>
    public static string Guid(int id) =>
        string.Create(CultureInfo.InvariantCulture, $"5a9d0000-0000-4000-8000-{id:D12}");
}
