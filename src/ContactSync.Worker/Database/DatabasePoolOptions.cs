using System.ComponentModel.DataAnnotations;

namespace ContactSync.Worker.Database;

/// <summary>
/// How many PostgreSQL connections each part of a worker may hold (<c>Database:*PoolSize</c>). Each part has its own
/// pool, so a busy dashboard waits for its own connections and never for the sync's, and the sum is checked at start
/// against the server's <c>max_connections</c>.
/// </summary>
public sealed class DatabasePoolOptions
{
    public const string SectionName = "Database";

    /// <summary>The sync: runs, claims and settlements, leases, the API budget.</summary>
    [Range(4, 500)]
    public int SyncPoolSize { get; set; } = 20;

    /// <summary>The operator's pages and API (each request holds at most one; requests beyond it are answered 429).</summary>
    [Range(1, 200)]
    public int DashboardPoolSize { get; set; } = 6;

    /// <summary>Alerts, metrics, the register stream's leadership, the data-protection keys.</summary>
    [Range(2, 100)]
    public int BackgroundPoolSize { get; set; } = 6;

    /// <summary>Hangfire's storage: its workers, pollers and dashboard.</summary>
    [Range(4, 200)]
    public int HangfirePoolSize { get; set; } = 10;

    public int Total => SyncPoolSize + DashboardPoolSize + BackgroundPoolSize + HangfirePoolSize;
}
