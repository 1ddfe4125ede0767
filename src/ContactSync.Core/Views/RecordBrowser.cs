using ContactSync.Core.Ledger;
using ContactSync.Core.Runs;
using Npgsql;
using NpgsqlTypes;

namespace ContactSync.Core.Views;

/// <summary>What an operator (or a script) asks of the ledger: a source, a state, a key to search for, a run, and where the last page ended.</summary>
public sealed record RecordQuery(string? Source, string? Status, string? Search, Guid? Run, string? After, int Limit = 50);

/// <summary>One record as lists show it: keys, state, reason and times, never names or other personal data.</summary>
public sealed record RecordItem(
    string Source,
    string? SourceId,
    string Status,
    long? Line,
    string? Reason,
    int Attempts,
    int? NexudusId,
    bool InDoubt,
    DateTimeOffset? InFlightSince,
    Guid? Run,
    string? Company,
    DateTimeOffset? UpdatedAt);

/// <summary>
/// Reads the ledger for the operator's view, keyset-paged so the 100,000th record costs what the first does. A record
/// is in exactly one state: <c>pending</c>, <c>in_flight</c> (since when, and whether in doubt), <c>synced</c>,
/// <c>failed</c>, <c>rejected</c> (also a contact CreateOnly leaves deleted), <c>conflict</c>, <c>removed</c>,
/// <c>superseded</c>; <c>held</c> picks out the records whose removal the source's latest run held back. <c>unkeyed</c>
/// lists the rows of each source's latest run rejected before they had a usable key, by line.
/// </summary>
public sealed class RecordBrowser(NpgsqlDataSource dataSource)
{
    public const int MaxLimit = 500;


    private const string LatestRuns = $"""
        latest as (
            select distinct on (source) source, id, status from sync_runs
            where status <> '{RunOutcome.Skipped}' order by source, started_at desc)
        """;

    private const string RecordFilter = $"""
        (@source::text is null or r.source = @source)
        and (@search::text is null or r.source_id like @search_pattern)
        and (@run::uuid is null or r.last_run_id = @run)
        and case @status::text
            when '{RecordState.Rejected}' then r.status in ('{RecordState.Rejected}', '{RecordState.Gone}')
            when '{RecordState.Held}' then r.source = any(@held) and r.nexudus_id is not null and r.status in ('{RecordState.Synced}', '{RecordState.Pending}', '{RecordState.Failed}', '{RecordState.Conflict}', '{RecordState.Unverified}')
                and exists (select 1 from latest l where l.source = r.source and l.status = '{RunOutcome.Held}' and r.last_run_id is distinct from l.id)
            else @status::text is null or r.status = @status
        end
        """;

    /// <summary>The columns <see cref="ReadItem"/> reads, in its order, from <c>sync_records r</c>.</summary>
    internal const string ItemColumns = $"""
        r.source, r.source_id, r.status, r.line_number, r.last_error, r.attempts, r.nexudus_id, r.in_doubt,
        case when r.status = '{RecordState.InFlight}' then r.in_flight_since end, r.last_run_id, r.company_ref, r.updated_at
        """;

    private const string UnkeyedFilter = """
        (@source::text is null or l.source = @source)
        and (@search::text is null or strpos(coalesce(j.source_id, ''), @search) > 0)
        and (@run::uuid is null or j.run_id = @run)
        """;

    /// <summary>
    /// How many records of each source are not in step, by state (<c>failed</c>, <c>in_flight</c>, <c>pending</c>,
    /// <c>rejected</c> with gone, <c>conflict</c>, and <c>unkeyed</c> rows of the latest run): what a run's summary
    /// counts as failed and rejected, for the attention page and the metrics alike.
    /// </summary>
    public async Task<IReadOnlyDictionary<(string Source, string Status), long>> AttentionCountsAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            with {LatestRuns}
            select source, case when status = '{RecordState.Gone}' then '{RecordState.Rejected}' else status end, count(*) from sync_records
            where status in ('{RecordState.Failed}', '{RecordState.InFlight}', '{RecordState.Pending}', '{RecordState.Rejected}', '{RecordState.Gone}', '{RecordState.Conflict}') group by 1, 2
            union all
            select l.source, '{RecordState.Unkeyed}', count(*) from sync_rejections j join latest l on l.id = j.run_id group by 1
            """);
        var counts = new Dictionary<(string, string), long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = (reader.GetString(0), reader.GetString(1));
            counts[key] = counts.GetValueOrDefault(key) + reader.GetInt64(2);
        }

        return counts;
    }

    /// <exception cref="ArgumentException">An unknown status or a cursor this did not make.</exception>
    public async Task<ResultPage<RecordItem>> ReadAsync(RecordQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Status is { } status && !RecordState.Browsable.Contains(status))
        {
            throw new ArgumentException($"status must be one of {string.Join(", ", RecordState.Browsable)}", nameof(query));
        }

        var limit = Math.Clamp(query.Limit, 1, MaxLimit);
        var (afterSource, afterKey) = ReadCursor(query.After);
        return query.Status == RecordState.Unkeyed
            ? await UnkeyedAsync(query, limit, afterSource, afterKey, cancellationToken)
            : await RecordsAsync(query, limit, afterSource, afterKey, cancellationToken);
    }

    private async Task<ResultPage<RecordItem>> RecordsAsync(RecordQuery query, int limit, string afterSource, string afterKey, CancellationToken cancellationToken)
    {
        // Held records are those of the few sources whose latest run is held: named first, so the lists read only
        // their records (by index), and nothing at all when no source is held.
        var held = query.Status == RecordState.Held ? await HeldSourcesAsync(cancellationToken) : [];
        if (query.Status == RecordState.Held && held.Length == 0)
        {
            return new ResultPage<RecordItem>(0, [], null);
        }

        await using var count = dataSource.CreateCommand($"with {LatestRuns} {ResultPage.CappedCount($"from sync_records r where {RecordFilter}")}");
        Bind(count, query, held);
        var total = (long)(await count.ExecuteScalarAsync(cancellationToken))!;

        await using var command = dataSource.CreateCommand(
            $"""
            with {LatestRuns}
            select {ItemColumns}
            from sync_records r
            where {RecordFilter} and (r.source, r.source_id) > (@after_source, @after_key)
            order by r.source, r.source_id
            limit @limit
            """);
        Bind(command, query, held);
        command.Parameters.AddWithValue("after_source", afterSource);
        command.Parameters.AddWithValue("after_key", afterKey);
        command.Parameters.AddWithValue("limit", limit + 1);
        var items = new List<RecordItem>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(ReadItem(reader));
        }

        return ResultPage.Trim(total, items, limit, item => RecordCursor.Write(item.Source, item.SourceId!));
    }

    private async Task<ResultPage<RecordItem>> UnkeyedAsync(RecordQuery query, int limit, string afterSource, string afterKey, CancellationToken cancellationToken)
    {
        await using var count = dataSource.CreateCommand(
            $"with {LatestRuns} {ResultPage.CappedCount($"from sync_rejections j join latest l on l.id = j.run_id where {UnkeyedFilter}")}");
        Bind(count, query);
        var total = (long)(await count.ExecuteScalarAsync(cancellationToken))!;

        // The line is the key within a run; it is padded in the cursor so that it sorts as a number.
        await using var command = dataSource.CreateCommand(
            $"""
            with {LatestRuns}
            select l.source, j.source_id, j.line_number, j.reason, j.run_id, j.company_ref
            from sync_rejections j join latest l on l.id = j.run_id
            where {UnkeyedFilter} and (l.source, lpad(j.line_number::text, 19, '0')) > (@after_source, @after_key)
            order by l.source, j.line_number
            limit @limit
            """);
        Bind(command, query);
        command.Parameters.AddWithValue("after_source", afterSource);
        command.Parameters.AddWithValue("after_key", afterKey);
        command.Parameters.AddWithValue("limit", limit + 1);
        var items = new List<RecordItem>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new RecordItem(
                reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), RecordState.Unkeyed, reader.GetInt64(2), reader.GetString(3), 0, null,
                false, null, reader.GetGuid(4), reader.IsDBNull(5) ? null : reader.GetString(5), null));
        }

        return ResultPage.Trim(total, items, limit, item => RecordCursor.Write(item.Source, item.Line!.Value.ToString("D19", System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>One record as <see cref="ItemColumns"/> selected it; <c>gone</c> reads as rejected, as the lists show it.</summary>
    internal static RecordItem ReadItem(NpgsqlDataReader reader)
        => new(
            reader.GetString(0), reader.GetString(1), reader.GetString(2) == RecordState.Gone ? RecordState.Rejected : reader.GetString(2),
            reader.IsDBNull(3) ? null : reader.GetInt64(3), reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetInt32(5),
            reader.IsDBNull(6) ? null : reader.GetInt32(6), reader.GetBoolean(7),
            reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8), reader.IsDBNull(9) ? null : reader.GetGuid(9),
            reader.IsDBNull(10) ? null : reader.GetString(10), reader.GetFieldValue<DateTimeOffset>(11));

    private async Task<string[]> HeldSourcesAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"with {LatestRuns} select source from latest where status = '{RunOutcome.Held}'");
        var sources = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            sources.Add(reader.GetString(0));
        }

        return [.. sources];
    }

    private static void Bind(NpgsqlCommand command, RecordQuery query, string[]? held = null)
    {
        command.Parameters.Add(new NpgsqlParameter("source", NpgsqlDbType.Text) { Value = (object?)query.Source ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("search", NpgsqlDbType.Text) { Value = string.IsNullOrEmpty(query.Search) ? DBNull.Value : query.Search });
        // A LIKE of the key's part, its wildcards taken literally: a trigram index (migration 0016) serves it where there is one.
        command.Parameters.Add(new NpgsqlParameter("search_pattern", NpgsqlDbType.Text)
        {
            Value = string.IsNullOrEmpty(query.Search) ? DBNull.Value : "%" + EscapeLike(query.Search) + "%",
        });
        command.Parameters.Add(new NpgsqlParameter("held", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = held ?? [] });
        command.Parameters.Add(new NpgsqlParameter("run", NpgsqlDbType.Uuid) { Value = (object?)query.Run ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("status", NpgsqlDbType.Text) { Value = (object?)query.Status ?? DBNull.Value });
    }

    private static string EscapeLike(string text)
        => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    private static (string Source, string Key) ReadCursor(string? cursor)
        => string.IsNullOrEmpty(cursor) ? ("", "")
            : RecordCursor.TryRead(cursor, out var position) ? position
            : throw new ArgumentException("after is not a cursor from this API", nameof(cursor));
}
