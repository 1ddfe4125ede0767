using Npgsql;

namespace ContactSync.Core.Postgres;

/// <summary>
/// PostgreSQL session advisory locks. Session-level on purpose: if the holder's process or connection dies,
/// PostgreSQL frees the lock at once (Hangfire's lock rows would linger until they expire).
/// </summary>
public static class AdvisoryLock
{
    /// <summary>Waits for the lock however long another session holds it; cancel to give up.</summary>
    public static async Task AcquireAsync(NpgsqlConnection connection, long key, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("select pg_advisory_lock(@key)", connection);
        command.Parameters.AddWithValue("key", key);
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Takes the lock if no other session holds it; false, at once, when one does.</summary>
    public static async Task<bool> TryAcquireAsync(NpgsqlConnection connection, long key, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("select pg_try_advisory_lock(@key)", connection);
        command.Parameters.AddWithValue("key", key);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public static async Task ReleaseAsync(NpgsqlConnection connection, long key, CancellationToken cancellationToken)
    {
        if (connection.FullState != System.Data.ConnectionState.Open)
        {
            return; // the session is gone, and the lock with it
        }

        await using var command = new NpgsqlCommand("select pg_advisory_unlock(@key)", connection);
        command.Parameters.AddWithValue("key", key);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A stable 64-bit key for a name (FNV-1a), so every replica derives the same lock for a source.</summary>
    public static long KeyFor(string scope, string name)
    {
        const ulong offset = 14695981039346656037UL;
        const ulong prime = 1099511628211UL;
        var hash = offset;
        foreach (var c in scope + "\u001f" + name)
        {
            hash = (hash ^ c) * prime;
        }

        return unchecked((long)hash);
    }
}
