using ContactSync.Core.Ledger;
using Npgsql;

namespace ContactSync.Core.Views;

/// <summary>One record, whole, for its page. <see cref="DesiredPayload"/> and <see cref="SyncedPayload"/> are personal data: operators only.</summary>
public sealed record RecordDetail(
    RecordItem Item,
    int? ContractId,
    short? ContactType,
    string? Origin,
    string? LastConflict,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FirstFailedAt,
    string? DesiredPayload,
    string? SyncedPayload);

/// <summary>Something that happened to a record: an attempt that ended, or a change the source, Nexudus or an operator caused.</summary>
public sealed record RecordEvent(DateTimeOffset At, string Operation, string Outcome, string? Reason, Guid? Run, int? NexudusId);

/// <summary>A record's page: what it is now, and what happened to it (the <c>record_events</c> the ledger's trigger writes).</summary>
public sealed class RecordHistory(NpgsqlDataSource dataSource)
{
    public const int HistoryLimit = 200;

    public async Task<RecordDetail?> FindAsync(string source, string sourceId, CancellationToken cancellationToken)
    {
        // "First failed": the oldest failure since the record was last in step, so an operator sees how long it has waited.
        await using var command = dataSource.CreateCommand(
            $"""
            select {RecordBrowser.ItemColumns},
                   r.coworker_contract_id, r.contact_type, r.origin, r.last_conflict, r.created_at,
                   (select min(e.at) from record_events e
                    where e.source = r.source and e.source_id = r.source_id and e.outcome = '{RecordState.Failed}'
                      and e.id > coalesce((select max(s.id) from record_events s
                                           where s.source = r.source and s.source_id = r.source_id and s.outcome = '{RecordState.Synced}'), 0)),
                   r.desired_payload::text, r.synced_payload::text
            from sync_records r where r.source = @source and r.source_id = @source_id
            """);
        command.Parameters.AddWithValue("source", source);
        command.Parameters.AddWithValue("source_id", sourceId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new RecordDetail(
            RecordBrowser.ReadItem(reader), Nullable<int>(reader, 12), Nullable<short>(reader, 13), reader.IsDBNull(14) ? null : reader.GetString(14),
            reader.IsDBNull(15) ? null : reader.GetString(15), reader.GetFieldValue<DateTimeOffset>(16), Nullable<DateTimeOffset>(reader, 17),
            reader.IsDBNull(18) ? null : reader.GetString(18), reader.IsDBNull(19) ? null : reader.GetString(19));
    }

    /// <summary>The record's events, newest first, at most <see cref="HistoryLimit"/>.</summary>
    public async Task<IReadOnlyList<RecordEvent>> EventsAsync(string source, string sourceId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            select at, operation, outcome, reason, run_id, nexudus_id from record_events
            where source = @source and source_id = @source_id order by id desc limit @limit
            """);
        command.Parameters.AddWithValue("source", source);
        command.Parameters.AddWithValue("source_id", sourceId);
        command.Parameters.AddWithValue("limit", HistoryLimit);
        var events = new List<RecordEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(new RecordEvent(
                reader.GetFieldValue<DateTimeOffset>(0), reader.GetString(1), reader.GetString(2) == RecordState.Gone ? RecordState.Rejected : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3), Nullable<Guid>(reader, 4), Nullable<int>(reader, 5)));
        }

        return events;
    }

    private static T? Nullable<T>(NpgsqlDataReader reader, int ordinal)
        where T : struct
        => reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<T>(ordinal);
}
