namespace ContactSync.Worker.Database;

/// <summary>
/// The keys of the worker's connection pools besides the sync's, which is the unkeyed <c>NpgsqlDataSource</c> every
/// Core service takes. Each shows under its own application name in <c>pg_stat_activity</c>.
/// </summary>
public static class DatabasePools
{
    public const string Dashboard = "contactsync-dashboard";
    public const string Background = "contactsync-background";
}
