using Npgsql;

namespace ContactSync.Worker.Dashboard.Pages;

/// <summary>A record an operator should look at. Deliberately no name, email, date of birth or payload: ids and reasons only.</summary>
internal sealed record AttentionRow(
    string Source,
    string SourceId,
    long? LineNumber,
    string Status,
    int Attempts,
    string? Reason,
    DateTimeOffset UpdatedAt);

internal sealed record AttentionSource(string Source, long Failed, long Rejected, IReadOnlyList<AttentionRow> Latest);

/// <summary>Failed and rejected records, the latest few per source, with per-source totals.</summary>
internal sealed class AttentionQuery(NpgsqlDataSource dataSource)
{
    private const string TotalsSql = """
        select source,
               count(*) filter (where status = 'failed') as failed,
               count(*) filter (where status = 'rejected') as rejected
        from sync_records
        where status in ('failed', 'rejected')
        group by source
        order by source
        """;

    private const string LatestSql = """
        select source, source_id, line_number, status, attempts, last_error, updated_at
        from (
            select source, source_id, line_number, status, attempts, last_error, updated_at,
                   row_number() over (partition by source order by updated_at desc, source_id) as position
            from sync_records
            where status in ('failed', 'rejected')
        ) ranked
        where position <= @per_source
        order by source, updated_at desc, source_id
        """;

    public async Task<IReadOnlyList<AttentionSource>> ReadAsync(int perSource, CancellationToken cancellationToken)
    {
        var totals = new List<(string Source, long Failed, long Rejected)>();
        await using (var command = dataSource.CreateCommand(TotalsSql))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                totals.Add((reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2)));
            }
        }

        var latest = new List<AttentionRow>();
        await using (var command = dataSource.CreateCommand(LatestSql))
        {
            command.Parameters.AddWithValue("per_source", perSource);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                latest.Add(new AttentionRow(
                    reader.GetString(0),
                    reader.GetString(1),
                    await reader.IsDBNullAsync(2, cancellationToken) ? null : reader.GetInt64(2),
                    reader.GetString(3),
                    reader.GetInt32(4),
                    await reader.IsDBNullAsync(5, cancellationToken) ? null : reader.GetString(5),
                    reader.GetFieldValue<DateTimeOffset>(6)));
            }
        }

        return totals
            .Select(total => new AttentionSource(
                total.Source,
                total.Failed,
                total.Rejected,
                latest.Where(row => row.Source == total.Source).ToList()))
            .ToList();
    }
}
