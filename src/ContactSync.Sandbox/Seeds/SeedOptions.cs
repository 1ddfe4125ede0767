using System.ComponentModel.DataAnnotations;

namespace ContactSync.Sandbox.Seeds;

/// <summary>Sizes of the read-only seed data. The data itself is deterministic.</summary>
internal sealed class SeedOptions
{
    public const string SectionName = "Sandbox:Seeds";

    /// <summary>Virtual-office contracts; contract N has Id 1000 + N and belongs to company coworker 500 + N.</summary>
    [Range(1, 100_000)]
    public int Contracts { get; set; } = 50;

    /// <summary>
    /// Adds two companies past <see cref="Contracts"/> for contract resolution: a second active contract for company 2
    /// (so company 2 resolves to two), and a company whose only contract has ended.
    /// </summary>
    public bool ResolutionEdgeCases { get; set; } = true;

    /// <summary>When above 0, every Nth contract (and its company) is inactive; 0 keeps them all active.</summary>
    [Range(0, 100_000)]
    public int InactiveEvery { get; set; }
}
