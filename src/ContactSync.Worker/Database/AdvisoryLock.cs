using Npgsql;

namespace ContactSync.Worker.Database;

/// <summary>
/// A session-scoped PostgreSQL advisory lock on its own connection: held until disposed, and freed by the server
/// if the pod dies, so a killed replica can never leave the others waiting.
/// </summary>
internal sealed class AdvisoryLock : IAsyncDisposable
{
    private readonly long _key;

    private AdvisoryLock(NpgsqlConnection connection, long key)
    {
        Connection = connection;
        _key = key;
    }

    /// <summary>The connection holding the lock; work that must happen under it can use it.</summary>
    public NpgsqlConnection Connection { get; }

    public static async Task<AdvisoryLock> AcquireAsync(NpgsqlDataSource dataSource, long key, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand("select pg_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", key);

            // Waiting for another replica's setup is expected; a cancelled start abandons the wait.
            command.CommandTimeout = 0;
            await command.ExecuteNonQueryAsync(cancellationToken);
            return new AdvisoryLock(connection, key);
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
            await using var command = new NpgsqlCommand("select pg_advisory_unlock(@key)", Connection);
            command.Parameters.AddWithValue("key", _key);
            await command.ExecuteNonQueryAsync(CancellationToken.None);
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
