using Npgsql;

namespace ContactSync.Core.State;

/// <summary>
/// A session-scoped PostgreSQL advisory lock on a connection of its own: held until disposed, and freed by the
/// server if the holder dies, so a killed replica can never leave the others waiting.
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
        => (await TakeAsync(dataSource, key, wait: true, cancellationToken))!;

    /// <returns>The held lock, or null when another session holds it.</returns>
    public static Task<HeldAdvisoryLock?> TryAcquireAsync(NpgsqlDataSource dataSource, long key, CancellationToken cancellationToken)
        => TakeAsync(dataSource, key, wait: false, cancellationToken);

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

    private static async Task<HeldAdvisoryLock?> TakeAsync(NpgsqlDataSource dataSource, long key, bool wait, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            if (wait)
            {
                await AdvisoryLock.AcquireAsync(connection, key, cancellationToken);
            }
            else if (!await AdvisoryLock.TryAcquireAsync(connection, key, cancellationToken))
            {
                await connection.DisposeAsync();
                return null;
            }

            return new HeldAdvisoryLock(connection, key);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
