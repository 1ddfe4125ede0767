using System.ComponentModel.DataAnnotations;
using ContactSync.Core.Sources;

namespace ContactSync.Core.Sync;

/// <summary>The <c>ContactSync</c> configuration section.</summary>
public sealed class ContactSyncOptions
{
    public const string SectionName = "ContactSync";

    public List<SourceOptions> Sources { get; set; } = [];

    /// <summary>Contracts pushed in parallel. Records of one contract are always pushed one at a time.</summary>
    [Range(1, 32)]
    public int MaxParallelContracts { get; set; } = 4;

    /// <summary>Attempts at one record within a run before it is left as failed for the next run.</summary>
    [Range(1, 10)]
    public int MaxAttemptsPerRun { get; set; } = 3;
}
