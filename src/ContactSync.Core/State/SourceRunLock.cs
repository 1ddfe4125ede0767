using Npgsql;

namespace ContactSync.Core.State;

/// <summary>
/// "One run per source at a time" across every replica, held for as long as the run lasts; dispose releases it.
/// </summary>
public static class SourceRunLock
{
    /// <returns>The held lock, or null when another run of the source holds it.</returns>
    public static Task<HeldAdvisoryLock?> TryAcquireAsync(NpgsqlDataSource dataSource, string source, CancellationToken cancellationToken)
        => HeldAdvisoryLock.TryAcquireAsync(dataSource, AdvisoryLock.KeyFor("source-run", source), cancellationToken);
}
