using ContactSync.Core.Runs;
using Npgsql;
using NpgsqlTypes;

namespace ContactSync.Core.Views;

/// <summary>What is asked of the runs: a source, an outcome (the run's status), a day range, and where the last page ended.</summary>
public sealed record RunQuery(string? Source, string? Outcome, DateTimeOffset? From, DateTimeOffset? To, string? After, int Limit = 50);

/// <summary>One run: its counts and times, and the rows it rejected before they had a usable key.</summary>
public sealed record RunItem(
    Guid Id,
    string Source,
    string Trigger,
    string Outcome,
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
    long Unkeyed,
    string? Error)
{
    /// <summary>Records the source holds but has not verified: nothing was sent for them (with the rest, they make up <see cref="Total"/>).</summary>
    public int Unverified { get; init; }
}

/// <summary>Runs, newest first, keyset-paged on (started, id).</summary>
public sealed class RunBrowser(NpgsqlDataSource dataSource)
{
    /// <summary>The columns <see cref="ReadItem"/> reads, in its order, from <c>sync_runs r</c>.</summary>
    internal const string ItemColumns = """
        r.id, r.source, r.trigger, r.status, r.started_at, r.finished_at, r.total, r.created, r.updated, r.adopted,
        r.linked, r.unchanged, r.rejected, r.failed, (select count(*) from sync_rejections j where j.run_id = r.id), r.error,
        r.unverified
        """;

    /// <summary>How many columns <see cref="ItemColumns"/> selects: a query that reads more after them starts here.</summary>
    internal const int ItemColumnCount = 17;

    private const string Filter = """
        (@source::text is null or r.source = @source)
        and (@outcome::text is null or r.status = @outcome)
        and (@from::timestamptz is null or r.started_at >= @from)
        and (@to::timestamptz is null or r.started_at < @to)
        """;

    /// <exception cref="ArgumentException">An unknown outcome or a cursor this did not make.</exception>
    public async Task<ResultPage<RunItem>> ReadAsync(RunQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Outcome is { } outcome && !RunOutcome.All.Contains(outcome))
        {
            throw new ArgumentException($"outcome must be one of {string.Join(", ", RunOutcome.All)}", nameof(query));
        }

        var limit = Math.Clamp(query.Limit, 1, RecordBrowser.MaxLimit);
        var (startedBefore, idBefore) = ReadCursor(query.After);
        await using var count = dataSource.CreateCommand(ResultPage.CappedCount($"from sync_runs r where {Filter}"));
        Bind(count, query);
        var total = (long)(await count.ExecuteScalarAsync(cancellationToken))!;

        await using var command = dataSource.CreateCommand(
            $"""
            select {ItemColumns}
            from sync_runs r
            where {Filter} and (r.started_at, r.id) < (@started_before, @id_before)
            order by r.started_at desc, r.id desc
            limit @limit
            """);
        Bind(command, query);
        command.Parameters.AddWithValue("started_before", startedBefore);
        command.Parameters.AddWithValue("id_before", idBefore);
        command.Parameters.AddWithValue("limit", limit + 1);
        var items = new List<RunItem>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(ReadItem(reader));
        }

        return ResultPage.Trim(total, items, limit, last => RunCursor.Write(last.StartedAt, last.Id));
    }

    /// <summary>One run as <see cref="ItemColumns"/> selected it.</summary>
    internal static RunItem ReadItem(NpgsqlDataReader reader)
        => new(
            reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetFieldValue<DateTimeOffset>(4),
            reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5), reader.GetInt32(6), reader.GetInt32(7), reader.GetInt32(8),
            reader.GetInt32(9), reader.GetInt32(10), reader.GetInt32(11), reader.GetInt32(12), reader.GetInt32(13), reader.GetInt64(14),
            reader.IsDBNull(15) ? null : reader.GetString(15))
        {
            Unverified = reader.GetInt32(16),
        };

    private static (DateTimeOffset StartedBefore, Guid IdBefore) ReadCursor(string? cursor)
        => string.IsNullOrEmpty(cursor) ? (DateTimeOffset.MaxValue, Guid.Empty)
            : RunCursor.TryRead(cursor, out var position) ? position
            : throw new ArgumentException("after is not a cursor from this API", nameof(cursor));

    private static void Bind(NpgsqlCommand command, RunQuery query)
    {
        command.Parameters.Add(new NpgsqlParameter("source", NpgsqlDbType.Text) { Value = (object?)query.Source ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("outcome", NpgsqlDbType.Text) { Value = (object?)query.Outcome ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("from", NpgsqlDbType.TimestampTz) { Value = (object?)query.From ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("to", NpgsqlDbType.TimestampTz) { Value = (object?)query.To ?? DBNull.Value });
    }
}
