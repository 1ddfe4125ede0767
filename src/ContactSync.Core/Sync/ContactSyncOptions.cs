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

    /// <summary>
    /// How long a run's hold on its source lasts without renewal. The run renews it five times as often; a run that
    /// cannot renew it (the database unreachable for most of this) stops claiming records, and a run whose worker
    /// died leaves its source to the next run after at most this long.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:03", "00:10:00")]
    public TimeSpan RunLease { get; set; } = TimeSpan.FromSeconds(30);
}
