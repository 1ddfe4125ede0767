using Npgsql;

namespace ContactSync.Core.Postgres;

/// <summary>
/// The database's clock: what times stamped by the database or by a source's server (run stamps, watermarks, reset
/// times) are compared with, so that a replica whose own clock is off neither acts early nor waits late.
/// </summary>
public static class DatabaseClock
{
    public static async Task<DateTimeOffset> NowAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var command = dataSource.CreateCommand("select now()");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return reader.GetFieldValue<DateTimeOffset>(0);
    }
}
