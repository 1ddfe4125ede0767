using System.ComponentModel.DataAnnotations;
using ContactSync.Core.Sources;

namespace ContactSync.Core.Runs;

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

    /// <summary>
    /// How long a run that is told to stop (SIGTERM) lets the Nexudus calls already sent finish, so their answers are
    /// settled instead of left in doubt; nothing new is sent meanwhile. It must end, settling included, inside Hangfire's
    /// ShutdownTimeout less its StopTimeout (20 s less 1 s as shipped), and inside the pod's grace period for sync-once.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan StopGrace { get; set; } = TimeSpan.FromSeconds(15);
}
