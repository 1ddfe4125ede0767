using System.ComponentModel.DataAnnotations;
using ContactSync.Core.Configuration;

namespace ContactSync.Core.Nexudus;

/// <summary>How to reach Nexudus, and how politely. Bound from the <c>Nexudus</c> configuration section.</summary>
public sealed class NexudusOptions
{
    public const string SectionName = "Nexudus";

    // Nexudus invalidates every earlier refresh token for a client_id when it issues a token for that id.
    // Replicas sharing one id would keep signing each other out, so each process gets its own id,
    // stable for its lifetime (a restarted process signs in again with the password anyway).
    private static readonly string ProcessClientId = $"contactsync-{Guid.NewGuid():N}";

    /// <summary>The API host, e.g. <c>https://spaces.nexudus.com</c> (or the Sandbox). The token endpoint is on the same host.</summary>
    [Required, HostOnlyUrl]
    public string BaseUrl { get; set; } = "";

    [Required, NotPlaceholder]
    public string Username { get; set; } = "";

    [Required, NotPlaceholder]
    public string Password { get; set; } = "";

    /// <summary>
    /// Sent as the <c>client_id</c> header and form field. Leave unset: the default is unique per process.
    /// If set, every replica must get a different value (e.g. the pod name).
    /// </summary>
    [Required]
    public string ClientId { get; set; } = ProcessClientId;

    /// <summary>Limit for one HTTP attempt, from when the budget lets it go until its whole answer is read (waiting for budget is not part of it).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Limit for one call with all its retries, answers read in full.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>
    /// The largest response body read, in bytes. A list page of 1,000 contacts is a few MB; an answer beyond this fails
    /// clearly instead of growing the worker's memory.
    /// </summary>
    [Range(64 * 1024, 1024 * 1024 * 1024)]
    public int MaxResponseBytes { get; set; } = 32 * 1024 * 1024;

    [Range(1, 20)]
    public int MaxRetries { get; set; } = 6;

    /// <summary>First backoff delay; later ones grow exponentially, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Cap on any single retry delay, including one asked for by <c>Retry-After</c>, and on a throttle pause.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>POST/PUT/DELETE in any 60-second window. Nexudus allows 60.</summary>
    [Range(1, 100_000)]
    public int WritesPerMinute { get; set; } = 60;

    /// <summary>Calls of any method in any 60-second window. Nexudus allows 120.</summary>
    [Range(1, 100_000)]
    public int CallsPerMinute { get; set; } = 120;

    /// <summary>Minimum gap between the starts of two calls. Nexudus allows one call per 100 ms.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan MinCallInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// POST/PUT/DELETE in any 24-hour window. Nexudus's current table says 5000; an older one said 2500, so an
    /// account still on the older limits sets 2500. When it is spent the run ends as budget-exhausted.
    /// </summary>
    [Range(1, 1_000_000)]
    public int WritesPerDay { get; set; } = 5000;

    /// <summary>Calls of any method in any 60-minute window. Nexudus allows 5000 (its 200,000 a day cannot be reached under it).</summary>
    [Range(1, 1_000_000)]
    public int CallsPerHour { get; set; } = 5000;
}
