using System.ComponentModel.DataAnnotations;

namespace ContactSync.Worker.Hangfire;

/// <summary>
/// The <c>Hangfire</c> section. Defaults follow the measured starting configuration for this product: few workers,
/// sliding invisibility, a short poll and no long polling (no LISTEN connections, works through PgBouncer).
/// </summary>
public sealed class HangfireSettings
{
    public const string SectionName = "Hangfire";

    /// <summary>Fixed rather than configurable: the migration step and every replica must agree on it.</summary>
    public const string SchemaName = "contactsync_hangfire";

    /// <summary>
    /// Jobs a replica runs at once. Unset: one per configured source and one more (a dry run, the stream's company runs),
    /// so every source on one schedule starts on its tick instead of waiting for another's run to end; at most 20.
    /// </summary>
    [Range(1, 20, ErrorMessage = "must be between 1 and 20")]
    public int? WorkerCount { get; set; }

    /// <summary>The workers a replica runs for <paramref name="sources"/> configured sources: as set, or one each and one more.</summary>
    public int WorkersFor(int sources) => WorkerCount ?? Math.Clamp(sources + 1, 2, 20);

    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "must be between 00:00:01 and 00:10:00")]
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Refreshed while a job runs (sliding), so it bounds only how long a killed pod's job stays hidden.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "01:00:00", ErrorMessage = "must be between 00:01:00 and 01:00:00")]
    public TimeSpan InvisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A backstop only: runs are guarded by their own lease on the source.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00", ErrorMessage = "must be between 00:01:00 and 1.00:00:00")]
    public TimeSpan DistributedLockTimeout { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a stopping server waits for running jobs. Must stay below the host's shutdown timeout.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:00:24", ErrorMessage = "must be between 00:00:01 and 00:00:24 (below the host's 25 s shutdown timeout)")]
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>After this, running jobs see their cancellation token fire.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10", ErrorMessage = "must be between 00:00:00 and 00:00:10")]
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(1);
}
