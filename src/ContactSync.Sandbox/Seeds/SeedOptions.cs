using System.ComponentModel.DataAnnotations;

namespace ContactSync.Sandbox.Seeds;

/// <summary>Sizes of the read-only seed data. The data itself is deterministic.</summary>
internal sealed class SeedOptions
{
    public const string SectionName = "Sandbox:Seeds";

    /// <summary>Virtual-office contracts; contract N has Id 1000 + N and belongs to company coworker 500 + N.</summary>
    [Range(1, 100_000)]
    public int Contracts { get; set; } = 50;

    /// <summary>When above 0, every Nth contract (and its company) is inactive; 0 keeps them all active.</summary>
    [Range(0, 100_000)]
    public int InactiveEvery { get; set; }
}
