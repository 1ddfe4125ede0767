using ContactSync.Core.Nexudus;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace ContactSync.Core.State;

/// <summary>
/// The per-record ledger: what each source record should be in Nexudus and where it stands. Every state
/// change of the push protocol is committed here before the next step is taken.
/// </summary>
public sealed class SyncRecordStore(NpgsqlDataSource dataSource, TimeProvider time, IOptions<NexudusOptions> nexudus)
{
    /// <summary>Beyond the client's total timeout: a server may still be finishing a request whose client gave up.</summary>
    private static readonly TimeSpan InFlightSlack = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long after a record is marked in flight its create may still be under way: the Nexudus client gives up a
    /// call with all its retries after <see cref="NexudusOptions.TotalTimeout"/>. Until then no other run may look the
    /// record up and create it again; its create may land after the look-up.
    /// </summary>
    public static TimeSpan InFlightLease(NexudusOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.TotalTimeout + InFlightSlack;
    }

    /// <summary>
    /// Stores one batch of the run's records and returns the status each now has. A source_id already stored
    /// by this run is left alone and not returned: the caller reports it as a duplicate.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> UpsertAsync(
        string source, Guid runId, IReadOnlyList<IngestRow> rows, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            insert into sync_records as r
                (source, source_id, line_number, coworker_contract_id, contact_type, desired_payload, desired_hash,
                 status, last_error, last_run_id, created_at, updated_at)
            select @source, t.source_id, t.line_number, t.contract_id, t.contact_type, t.payload::jsonb, t.hash,
                   case when t.reason is null then 'pending' else 'rejected' end, t.reason, @run, @now, @now
            from unnest(@source_ids, @lines, @contracts, @types, @payloads, @hashes, @reasons)
                as t(source_id, line_number, contract_id, contact_type, payload, hash, reason)
            on conflict (source, source_id) do update set
                line_number = excluded.line_number,
                coworker_contract_id = coalesce(excluded.coworker_contract_id, r.coworker_contract_id),
                contact_type = coalesce(excluded.contact_type, r.contact_type),
                desired_payload = excluded.desired_payload,
                desired_hash = excluded.desired_hash,
                status = case
                    when excluded.last_error is not null then 'rejected'
                    when r.nexudus_id is not null and r.synced_hash = excluded.desired_hash then 'synced'
                    when r.status = 'rejected' and r.attempted_hash = excluded.desired_hash then 'rejected'
                    when r.status in ('synced', 'rejected') then 'pending'
                    else r.status
                end,
                last_error = case
                    when excluded.last_error is not null then excluded.last_error
                    when r.nexudus_id is not null and r.synced_hash = excluded.desired_hash then null
                    when r.status = 'rejected' and r.attempted_hash = excluded.desired_hash then r.last_error
                    when r.status in ('synced', 'rejected') then null
                    else r.last_error
                end,
                attempted_hash = case when excluded.last_error is not null then null else r.attempted_hash end,
                last_run_id = excluded.last_run_id,
                updated_at = excluded.updated_at
            where r.last_run_id is distinct from excluded.last_run_id
            returning r.source_id, r.status
            """);
        command.Parameters.AddWithValue("source", source);
        command.Parameters.AddWithValue("run", runId);
        command.Parameters.AddWithValue("now", time.GetUtcNow());
        command.Parameters.AddWithValue("source_ids", rows.Select(r => r.SourceId).ToArray());
        command.Parameters.AddWithValue("lines", rows.Select(r => r.LineNumber).ToArray());
        command.Parameters.Add(new NpgsqlParameter("contracts", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = rows.Select(r => r.CoworkerContractId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("types", NpgsqlDbType.Array | NpgsqlDbType.Smallint) { Value = rows.Select(r => r.ContactType).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("payloads", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = rows.Select(r => r.PayloadJson).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("hashes", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = rows.Select(r => r.PayloadHash).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("reasons", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = rows.Select(r => r.RejectionReason).ToArray() });

        var statuses = new Dictionary<string, string>(rows.Count, StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            statuses[reader.GetString(0)] = reader.GetString(1);
        }

        return statuses;
    }

    /// <summary>
    /// The run's records that still need a call, ordered by contract so one contract's records arrive
    /// together. Keyset-paged: pass the last (contract, source_id) seen. A record marked in flight less than
    /// <see cref="InFlightLease"/> ago is left out: the run that marked it may still be sending its create, even if
    /// this run holds the source's lock (a PostgreSQL restart frees the lock under a run that keeps going).
    /// </summary>
    public async Task<IReadOnlyList<PendingRecord>> PendingPageAsync(
        string source, Guid runId, (int Contract, string SourceId)? after, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            select source_id, coworker_contract_id, desired_payload::text, desired_hash, nexudus_id, status, attempts
            from sync_records
            where source = @source and last_run_id = @run
              and status in ('pending', 'in_flight', 'failed')
              and desired_payload is not null and coworker_contract_id is not null
              and (coworker_contract_id, source_id) > (@after_contract, @after_id)
              and (status <> 'in_flight' or in_flight_since is null or in_flight_since < now() - @in_flight_lease)
            order by coworker_contract_id, source_id
            limit @limit
            """);
        command.Parameters.AddWithValue("source", source);
        command.Parameters.AddWithValue("run", runId);
        command.Parameters.AddWithValue("after_contract", after?.Contract ?? int.MinValue);
        command.Parameters.AddWithValue("after_id", after?.SourceId ?? "");
        command.Parameters.AddWithValue("limit", limit);
        command.Parameters.AddWithValue("in_flight_lease", InFlightLease(nexudus.Value));

        var page = new List<PendingRecord>(limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            page.Add(new PendingRecord(
                reader.GetString(0),
                reader.GetInt32(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetInt32(4),
                reader.GetString(5),
                reader.GetInt32(6)));
        }

        return page;
    }

    /// <summary>
    /// Step one of a create: committed before the POST leaves, so a crash after it leaves the record in doubt. The
    /// time comes from the database so that every replica compares it with the same clock.
    /// </summary>
    public Task MarkInFlightAsync(string source, string sourceId, string hash, CancellationToken cancellationToken)
        => ExecuteAsync(
            """
            update sync_records
            set status = 'in_flight', attempts = attempts + 1, attempted_hash = @hash, in_flight_since = now(), updated_at = @now
            where source = @source and source_id = @source_id
            """,
            source, sourceId, cancellationToken, ("hash", hash));

    /// <summary>
    /// Undoes <see cref="MarkInFlightAsync"/> for a create that was never sent (the API budget was spent before it
    /// left): the record waits as it did before, and is not in doubt on its account.
    /// </summary>
    public Task ReleaseUnsentAsync(string source, string sourceId, CancellationToken cancellationToken)
        => ExecuteAsync(
            """
            update sync_records set status = 'pending', attempts = greatest(attempts - 1, 0), updated_at = @now
            where source = @source and source_id = @source_id and status = 'in_flight'
            """,
            source, sourceId, cancellationToken);

    public Task MarkSyncedAsync(string source, string sourceId, int nexudusId, string hash, CancellationToken cancellationToken)
        => ExecuteAsync(
            """
            update sync_records
            set status = 'synced', nexudus_id = @nexudus_id, synced_hash = @hash, attempted_hash = @hash,
                attempts = 0, last_error = null, updated_at = @now
            where source = @source and source_id = @source_id
            """,
            source, sourceId, cancellationToken, ("nexudus_id", nexudusId), ("hash", hash));

    /// <summary>Nexudus refused this payload: not sent again until the source data changes or an operator asks.</summary>
    public Task MarkRejectedAsync(string source, string sourceId, string hash, string reason, CancellationToken cancellationToken)
        => ExecuteAsync(
            """
            update sync_records set status = 'rejected', attempted_hash = @hash, last_error = @reason, updated_at = @now
            where source = @source and source_id = @source_id
            """,
            source, sourceId, cancellationToken, ("hash", hash), ("reason", reason));

    /// <summary>A transient failure: the next run tries again (looking the record up first if a create may have landed).</summary>
    public Task MarkFailedAsync(string source, string sourceId, string reason, CancellationToken cancellationToken)
        => ExecuteAsync(
            """
            update sync_records set status = 'failed', last_error = @reason, updated_at = @now
            where source = @source and source_id = @source_id
            """,
            source, sourceId, cancellationToken, ("reason", reason));

    /// <summary>The contact this record pointed at is gone from Nexudus; the record will be created again.</summary>
    public Task ForgetNexudusIdAsync(string source, string sourceId, CancellationToken cancellationToken)
        => ExecuteAsync(
            """
            update sync_records set nexudus_id = null, synced_hash = null, updated_at = @now
            where source = @source and source_id = @source_id
            """,
            source, sourceId, cancellationToken);

    /// <summary>Nexudus Ids on a contract that some record already owns, so an in-doubt lookup never adopts another record's contact.</summary>
    public async Task<HashSet<int>> ClaimedIdsAsync(int coworkerContractId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "select nexudus_id from sync_records where coworker_contract_id = @contract and nexudus_id is not null");
        command.Parameters.AddWithValue("contract", coworkerContractId);
        var ids = new HashSet<int>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetInt32(0));
        }

        return ids;
    }

    /// <summary>How the run's keyed records stand, by status.</summary>
    public async Task<IReadOnlyDictionary<string, int>> CountByStatusAsync(string source, Guid runId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "select status, count(*)::int from sync_records where source = @source and last_run_id = @run group by status");
        command.Parameters.AddWithValue("source", source);
        command.Parameters.AddWithValue("run", runId);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[reader.GetString(0)] = reader.GetInt32(1);
        }

        return counts;
    }

    private async Task ExecuteAsync(
        string sql, string source, string sourceId, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("source", source);
        command.Parameters.AddWithValue("source_id", sourceId);
        command.Parameters.AddWithValue("now", time.GetUtcNow());
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
