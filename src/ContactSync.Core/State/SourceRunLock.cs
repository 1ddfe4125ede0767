using Npgsql;

namespace ContactSync.Core.State;

/// <summary>
/// Holds "one run per source at a time" across every replica, for as long as the run lasts. The lock lives
/// on a connection of its own, kept open for the run; dispose releases it.
/// </summary>
public sealed class SourceRunLock : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly long _key;

    private SourceRunLock(NpgsqlConnection connection, long key)
    {
        _connection = connection;
        _key = key;
    }

    /// <returns>The held lock, or null when another run of the source holds it.</returns>
    public static async Task<SourceRunLock?> TryAcquireAsync(NpgsqlDataSource dataSource, string source, CancellationToken cancellationToken)
    {
        var key = AdvisoryLock.KeyFor("source-run", source);
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            if (await AdvisoryLock.TryAcquireAsync(connection, key, cancellationToken))
            {
                return new SourceRunLock(connection, key);
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        await connection.DisposeAsync();
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await AdvisoryLock.ReleaseAsync(_connection, _key, CancellationToken.None);
        }
        catch (NpgsqlException)
        {
            // The connection broke; PostgreSQL released the lock with the session.
        }
        finally
        {
            await _connection.DisposeAsync();
        }
    }
}
