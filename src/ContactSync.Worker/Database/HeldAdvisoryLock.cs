using ContactSync.Core.State;
using Npgsql;

namespace ContactSync.Worker.Database;

/// <summary>
/// A session-scoped PostgreSQL advisory lock on its own connection: held until disposed, and freed by the server
/// if the pod dies, so a killed replica can never leave the others waiting.
/// </summary>
internal sealed class HeldAdvisoryLock : IAsyncDisposable
{
    private readonly long _key;

    private HeldAdvisoryLock(NpgsqlConnection connection, long key)
    {
        Connection = connection;
        _key = key;
    }

    /// <summary>The connection holding the lock; work that must happen under it can use it.</summary>
    public NpgsqlConnection Connection { get; }

    /// <summary>Waits as long as another replica holds the lock; a cancelled start abandons the wait.</summary>
    public static async Task<HeldAdvisoryLock> AcquireAsync(NpgsqlDataSource dataSource, long key, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            await AdvisoryLock.AcquireAsync(connection, key, cancellationToken);
            return new HeldAdvisoryLock(connection, key);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await AdvisoryLock.ReleaseAsync(Connection, _key, CancellationToken.None);
        }
        catch (NpgsqlException)
        {
            // A broken connection has already released the lock; closing it below is enough.
        }
        finally
        {
            await Connection.DisposeAsync();
        }
    }
}
