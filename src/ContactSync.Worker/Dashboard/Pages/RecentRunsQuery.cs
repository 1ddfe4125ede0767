using Npgsql;

namespace ContactSync.Worker.Dashboard.Pages;

internal sealed record RunRow(
    Guid Id,
    string Source,
    string Trigger,
    string Status,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    int Total,
    int Created,
    int Updated,
    int Adopted,
    int Linked,
    int Unchanged,
    int Rejected,
    int Failed,
    long UnkeyedRejections,
    string? Error);

/// <summary>The latest runs with their counts. Rejections without a source id (malformed lines, duplicate ids) are counted apart.</summary>
internal sealed class RecentRunsQuery(NpgsqlDataSource dataSource)
{
    private const string Sql = """
        select r.id, r.source, r.trigger, r.status, r.started_at, r.finished_at,
               r.total, r.created, r.updated, r.adopted, r.linked, r.unchanged, r.rejected, r.failed,
               (select count(*) from sync_rejections j where j.run_id = r.id) as unkeyed_rejections,
               r.error
        from sync_runs r
        order by r.started_at desc
        limit @limit
        """;

    public async Task<IReadOnlyList<RunRow>> ReadAsync(int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql);
        command.Parameters.AddWithValue("limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<RunRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new RunRow(
                reader.GetGuid(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetFieldValue<DateTimeOffset>(4),
                await reader.IsDBNullAsync(5, cancellationToken) ? null : reader.GetFieldValue<DateTimeOffset>(5),
                reader.GetInt32(6),
                reader.GetInt32(7),
                reader.GetInt32(8),
                reader.GetInt32(9),
                reader.GetInt32(10),
                reader.GetInt32(11),
                reader.GetInt32(12),
                reader.GetInt32(13),
                reader.GetInt64(14),
                await reader.IsDBNullAsync(15, cancellationToken) ? null : reader.GetString(15)));
        }

        return rows;
    }
}
