using ContactSync.Core.Ledger;
using Npgsql;

namespace ContactSync.Core.Postgres;

/// <summary>
/// A session-scoped PostgreSQL advisory lock on a connection of its own: held until disposed, and freed by the
/// server if the holder dies, so a killed replica can never leave the others waiting. For short start-up work that
/// keeps its connection busy, or for a leadership whose holder checks now and then that its session is still there
/// (<see cref="IsHeldAsync"/>); a lock held over a long idle stretch can vanish with its session (a run holds its source
/// through a <see cref="SourceLease"/> instead).
/// </summary>
public sealed class HeldAdvisoryLock : IAsyncDisposable
{
    private readonly long _key;

    private HeldAdvisoryLock(NpgsqlConnection connection, long key)
    {
        Connection = connection;
        _key = key;
    }

    /// <summary>The connection holding the lock; work that must happen under it can use it.</summary>
    public NpgsqlConnection Connection { get; }

    /// <summary>Waits as long as another session holds the lock; cancel to give up.</summary>
    public static async Task<HeldAdvisoryLock> AcquireAsync(NpgsqlDataSource dataSource, long key, CancellationToken cancellationToken)
        => (await HoldAsync(dataSource, key, async connection =>
        {
            await AdvisoryLock.AcquireAsync(connection, key, cancellationToken);
            return true;
        }, cancellationToken))!;

    /// <summary>Takes the lock if no other session holds it; null (and no connection kept) when one does.</summary>
    public static Task<HeldAdvisoryLock?> TryAcquireAsync(NpgsqlDataSource dataSource, long key, CancellationToken cancellationToken)
        => HoldAsync(dataSource, key, connection => AdvisoryLock.TryAcquireAsync(connection, key, cancellationToken), cancellationToken);

    /// <summary>Whether the session, and with it the lock, is still there (a round trip on the holding connection).</summary>
    public async Task<bool> IsHeldAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var ping = new NpgsqlCommand("select 1", Connection);
            await ping.ExecuteScalarAsync(cancellationToken);
            return true;
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Opens a connection of its own and keeps it with the lock when <paramref name="take"/> got the lock.</summary>
    private static async Task<HeldAdvisoryLock?> HoldAsync(
        NpgsqlDataSource dataSource, long key, Func<NpgsqlConnection, Task<bool>> take, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            if (await take(connection))
            {
                return new HeldAdvisoryLock(connection, key);
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
            await AdvisoryLock.ReleaseAsync(Connection, _key, CancellationToken.None);
        }
        catch (NpgsqlException)
        {
            // The connection broke; PostgreSQL released the lock with the session.
        }
        finally
        {
            await Connection.DisposeAsync();
        }
    }
}
