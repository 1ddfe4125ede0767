using ContactSync.Core.Ledger;
using ContactSync.Core.Views;
using Npgsql;

namespace ContactSync.Worker.Dashboard.Pages;

/// <summary>A record an operator should look at. Deliberately no name, email, date of birth or payload: ids and reasons only.</summary>
public sealed record AttentionRow(
    string Source,
    string SourceId,
    long? LineNumber,
    string Status,
    int Attempts,
    string? Reason,
    DateTimeOffset UpdatedAt);

public sealed record AttentionSource(string Source, long Failed, long Rejected, IReadOnlyList<AttentionRow> Latest)
{
    /// <summary>Records in flight (left by a run that is gone, or under way now) and records waiting to be sent.</summary>
    public long InFlight { get; init; }

    public long Pending { get; init; }

    public long Conflicts { get; init; }

    /// <summary>Rows of the source's latest run rejected before they had a usable key.</summary>
    public long Unkeyed { get; init; }

    public long Total => Failed + Rejected + InFlight + Pending + Conflicts + Unkeyed;
}

/// <summary>
/// Every record that is not in step, the latest few per source, with per-source totals by state: the same buckets a
/// run's summary counts (failed = failed, in flight and pending; rejected = rejected, conflict, gone and unkeyed rows).
/// </summary>
internal sealed class AttentionQuery(NpgsqlDataSource dataSource, RecordBrowser records)
{
    /// <summary>The latest records shown per source; the records page lists every one.</summary>
    public const int PerSource = 200;

    private const string LatestSql = $"""
        select source, source_id, line_number, status, attempts, last_error, updated_at
        from (
            select source, source_id, line_number, status, attempts, last_error, updated_at,
                   row_number() over (partition by source order by updated_at desc, source_id) as position
            from sync_records
            where status in ('{RecordState.Failed}', '{RecordState.Rejected}', '{RecordState.Gone}', '{RecordState.InFlight}', '{RecordState.Pending}', '{RecordState.Conflict}')
        ) ranked
        where position <= @per_source
        order by source, updated_at desc, source_id
        """;

    public async Task<IReadOnlyList<AttentionSource>> ReadAsync(int perSource, CancellationToken cancellationToken)
    {
        var counts = await records.AttentionCountsAsync(cancellationToken);
        long Count(string source, string status) => counts.GetValueOrDefault((source, status));
        var totals = counts.Keys.Select(key => key.Source).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(source => (Source: source, Failed: Count(source, RecordState.Failed), Rejected: Count(source, RecordState.Rejected),
                InFlight: Count(source, RecordState.InFlight), Pending: Count(source, RecordState.Pending), Conflicts: Count(source, RecordState.Conflict),
                Unkeyed: Count(source, RecordState.Unkeyed)))
            .ToList();

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
                latest.Where(row => row.Source == total.Source).ToList())
            {
                InFlight = total.InFlight,
                Pending = total.Pending,
                Conflicts = total.Conflicts,
                Unkeyed = total.Unkeyed,
            })
            .ToList();
    }
}
