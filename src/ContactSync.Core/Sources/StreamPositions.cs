using ContactSync.Core.Postgres;
using Npgsql;

namespace ContactSync.Core.Sources;

/// <summary>
/// Where each incremental read of each source got to (<c>stream_positions</c>): a change stream's timepoint, a CRM's
/// modified-date watermark, when a complete read last ended. Saved positions only move forward.
/// </summary>
public sealed class StreamPositions(NpgsqlDataSource dataSource)
{
    /// <summary>The database's clock (<see cref="DatabaseClock"/>), which positions a source's server stamped are compared with.</summary>
    public Task<DateTimeOffset> NowAsync(CancellationToken cancellationToken) => DatabaseClock.NowAsync(dataSource, cancellationToken);

    public async Task<long?> GetAsync(string source, string stream, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("select timepoint from stream_positions where source = @source and stream = @stream");
        command.Parameters.AddWithValue("source", source);
        command.Parameters.AddWithValue("stream", stream);
        return await command.ExecuteScalarAsync(cancellationToken) is long timepoint ? timepoint : null;
    }

    public async Task SaveAsync(string source, string stream, long timepoint, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            insert into stream_positions (source, stream, timepoint, updated_at) values (@source, @stream, @timepoint, now())
            on conflict (source, stream) do update set timepoint = greatest(stream_positions.timepoint, excluded.timepoint), updated_at = now()
            """);
        command.Parameters.AddWithValue("source", source);
        command.Parameters.AddWithValue("stream", stream);
        command.Parameters.AddWithValue("timepoint", timepoint);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task ForgetAsync(string source, string stream, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("delete from stream_positions where source = @source and stream = @stream");
        command.Parameters.AddWithValue("source", source);
        command.Parameters.AddWithValue("stream", stream);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
