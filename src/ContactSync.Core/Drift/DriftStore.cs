using ContactSync.Core.Ledger;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace ContactSync.Core.Drift;

/// <summary>
/// The drift check's half of the ledger: when a source was last checked, its synced records, and marking those whose
/// contacts somebody deleted or edited in Nexudus.
/// </summary>
public sealed class DriftStore(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Whether a drift check of the source is due: <paramref name="every"/> has passed since the last one. A source's
    /// first run only starts the clock (a first load has nothing to drift from). Zero means every run.
    /// </summary>
    public async Task<bool> DriftCheckDueAsync(string source, TimeSpan every, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            with started as (
                insert into source_reconciliations (source, checked_at) values (@source, now())
                on conflict (source) do nothing
                returning checked_at
            )
            select coalesce((select checked_at from source_reconciliations where source = @source), (select checked_at from started)) <= now() - @every
            """);
        command.Parameters.AddWithValue("source", source);
        command.Parameters.AddWithValue("every", every);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task MarkDriftCheckedAsync(string source, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "insert into source_reconciliations (source, checked_at) values (@source, now()) on conflict (source) do update set checked_at = excluded.checked_at");
        command.Parameters.AddWithValue("source", source);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The run's records that hold a contact and are synced (nothing under way): what a drift check compares with Nexudus.</summary>
    public async Task<IReadOnlyList<(string SourceId, int NexudusId, string? SyncedPayloadJson, string? Origin)>> SyncedInRunAsync(
        string source, Guid runId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            select source_id, nexudus_id, synced_payload::text, origin from sync_records
            where source = @source and last_run_id = @run and nexudus_id is not null and status = '{RecordState.Synced}' and not in_doubt
            """);
        command.Parameters.AddWithValue("source", source);
        command.Parameters.AddWithValue("run", runId);
        var held = new List<(string, int, string?, string?)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            held.Add((reader.GetString(0), reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
        }

        return held;
    }

    /// <summary>
    /// Records whose contacts somebody deleted in Nexudus (confirmed one by one): they hold none now. Unless
    /// <paramref name="createOnly"/>, they wait to be placed again (matched, then created); CreateOnly shows them as
    /// <c>gone</c> until their source data changes.
    /// </summary>
    public Task<int> MarkDeletedInNexudusAsync(SourceLease lease, IReadOnlyList<(string SourceId, int NexudusId)> deleted, bool createOnly, CancellationToken cancellationToken)
        => MarkDriftAsync(
            $"""
            nexudus_id = null, synced_hash = null, synced_payload = null, origin = null,
            status = case when @create_only then '{RecordState.Gone}' else '{RecordState.Pending}' end,
            attempted_hash = case when @create_only then r.desired_hash end,
            last_error = case when @create_only
                then 'Deleted in Nexudus by somebody else (noticed by the drift check); CreateOnly does not create it again'
                else 'Deleted in Nexudus by somebody else (noticed by the drift check); created again' end
            """,
            lease, deleted, createOnly, cancellationToken);

    /// <summary>Records whose contacts were edited in Nexudus: sent again, so the update meets the edit and the conflict policy decides.</summary>
    public Task<int> MarkEditedInNexudusAsync(SourceLease lease, IReadOnlyList<(string SourceId, int NexudusId)> edited, CancellationToken cancellationToken)
        => MarkDriftAsync($"synced_hash = null, status = '{RecordState.Pending}'", lease, edited, createOnly: false, cancellationToken);

    private async Task<int> MarkDriftAsync(
        string assignments, SourceLease lease, IReadOnlyList<(string SourceId, int NexudusId)> records, bool createOnly, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        if (records.Count == 0)
        {
            return 0;
        }

        await using var command = dataSource.CreateCommand(
            $"""
            update sync_records r set {assignments}, version = r.version + 1, updated_at = now()
            from unnest(@source_ids, @nexudus_ids) as t(source_id, nexudus_id)
            where r.source = @lease_source and r.source_id = t.source_id and r.nexudus_id = t.nexudus_id
              and r.status = '{RecordState.Synced}' and not r.in_doubt and {SourceLease.HeldCondition}
            """);
        lease.AddParameters(command.Parameters);
        command.Parameters.AddWithValue("source_ids", records.Select(record => record.SourceId).ToArray());
        command.Parameters.AddWithValue("nexudus_ids", records.Select(record => record.NexudusId).ToArray());
        command.Parameters.AddWithValue("create_only", createOnly);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
