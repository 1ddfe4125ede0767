using ContactSync.Core.Ledger;
using ContactSync.Core.Nexudus;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace ContactSync.Core.Push;

/// <summary>
/// Step one and the plain endings of every call about a record (docs/decisions/0001-idempotency-protocol.md): the run's
/// records still to push, a claim (a compare-and-set on the row's version, committed before anything is sent), its
/// release when nothing was sent, and the settlements that assign no contact. A settlement only takes effect while the
/// record is still in flight under the claiming run.
/// </summary>
public sealed class ClaimStore(NpgsqlDataSource dataSource, TimeProvider time, IOptions<NexudusOptions> nexudus)
{
    /// <summary>
    /// The run's records that still need a call, ordered by contract so one contract's records arrive together:
    /// those the source wants sent, and those with a create in doubt or a claim left in flight whatever the source
    /// says now (a row that turned invalid still has to have its doubt resolved). Keyset-paged: pass the last
    /// (contract, source_id) seen. A record whose create or update was claimed less than <see cref="ClaimWindow"/>
    /// ago is left out while it is in flight or in doubt: that call may still be under way (sent by a run that has
    /// since died or lost its lease), and a look-up now could miss what it makes.
    /// </summary>
    public async Task<IReadOnlyList<PendingRecord>> PendingPageAsync(
        string source, Guid runId, (int Contract, string SourceId)? after, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            select source_id, coworker_contract_id, desired_payload::text, desired_hash, nexudus_id, status, attempts,
                   version, in_doubt, case when in_doubt then attempted_payload::text end, attempt_floor_id, synced_payload::text, origin
            from sync_records
            where source = @source and last_run_id = @run
              and ((status in ('{RecordState.Pending}', '{RecordState.InFlight}', '{RecordState.Failed}') and desired_payload is not null)
                   or status = '{RecordState.InFlight}' or (in_doubt and status <> '{RecordState.Synced}'))
              and coworker_contract_id is not null
              and (coworker_contract_id, source_id) > (@after_contract, @after_id)
              and not ((status = '{RecordState.InFlight}' or in_doubt)
                       and coalesce(in_flight_until, in_flight_since + @in_flight_lease, '-infinity') > now())
            order by coworker_contract_id, source_id
            limit @limit
            """);
        command.Parameters.AddWithValue("source", source);
        command.Parameters.AddWithValue("run", runId);
        command.Parameters.AddWithValue("after_contract", after?.Contract ?? int.MinValue);
        command.Parameters.AddWithValue("after_id", after?.SourceId ?? "");
        command.Parameters.AddWithValue("limit", limit);
        command.Parameters.AddWithValue("in_flight_lease", ClaimWindow.For(nexudus.Value));

        var page = new List<PendingRecord>(limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        // Taken once the query has run: every record it returned was past its in-flight claim by then.
        var readAt = time.GetTimestamp();
        while (await reader.ReadAsync(cancellationToken))
        {
            page.Add(new PendingRecord(
                reader.GetString(0),
                reader.GetInt32(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetInt32(4),
                reader.GetString(5),
                reader.GetInt32(6),
                reader.GetInt64(7),
                reader.GetBoolean(8),
                reader.IsDBNull(9) ? null : reader.GetString(9),
                reader.IsDBNull(10) ? null : reader.GetInt32(10),
                readAt)
            {
                SyncedPayloadJson = reader.IsDBNull(11) ? null : reader.GetString(11),
                Origin = reader.IsDBNull(12) ? null : reader.GetString(12),
            });
        }

        return page;
    }

    /// <summary>
    /// Step one of every call about a record: mark it in flight under this run, committed before anything is sent, if
    /// and only if the row is still at <paramref name="expectedVersion"/> with the payload the run read, and the run
    /// still holds its source. A create also records what it sends, the ledger's highest Nexudus Id so far, and the
    /// time by the database's clock (one clock for every replica). The floor is this source's highest Id: a database
    /// shared by workers for other Nexudus tenants holds Ids that say nothing of this one. Null when refused: the
    /// caller sends nothing. A claimed record becomes the run's (<c>last_run_id</c>): a removal's record, gone from the
    /// read, is counted, shown and alerted on with the run that tried it, however its call ends.
    /// </summary>
    public async Task<RecordClaim?> ClaimAsync(
        SourceLease lease, PendingRecord record, long expectedVersion, ClaimKind kind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentNullException.ThrowIfNull(record);
        await using var command = dataSource.CreateCommand(
            $"""
            update sync_records r set
                status = '{RecordState.InFlight}',
                claimed_by = @lease_run,
                claim_kind = @kind,
                in_flight_since = case when @kind = 'resolve' then r.in_flight_since else clock_timestamp() end,
                in_flight_until = case when @kind = 'resolve' then r.in_flight_until else clock_timestamp() + @in_flight_for end,
                attempts = r.attempts + case when @kind = 'resolve' then 0 else 1 end,
                in_doubt = r.in_doubt or @kind = 'create',
                attempted_hash = case when @kind = 'resolve' then r.attempted_hash else r.desired_hash end,
                attempted_payload = case when @kind = 'resolve' then r.attempted_payload else r.desired_payload end,
                attempt_floor_id = case when @kind = 'create'
                    then (select coalesce(max(o.nexudus_id), 0) from sync_records o where o.source = r.source and o.nexudus_id is not null)
                    else r.attempt_floor_id end,
                -- A create replaces whatever contact the record described: until it is confirmed nothing is synced.
                synced_hash = case when @kind = 'create' then null else r.synced_hash end,
                last_run_id = @lease_run,
                version = r.version + 1,
                updated_at = now()
            where r.source = @lease_source and r.source_id = @source_id and r.version = @version
              and r.desired_hash is not distinct from @hash
              and {SourceLease.HeldCondition}
            returning r.version, coalesce(r.attempt_floor_id, 0)
            """);
        lease.AddParameters(command.Parameters);
        command.Parameters.AddWithValue("source_id", record.SourceId);
        command.Parameters.AddWithValue("version", expectedVersion);
        command.Parameters.Add(new NpgsqlParameter("hash", NpgsqlDbType.Text) { Value = (object?)record.PayloadHash ?? DBNull.Value });
        command.Parameters.AddWithValue("kind", ClaimedWrites.KindName(kind));
        command.Parameters.AddWithValue("in_flight_for", ClaimWindow.For(nexudus.Value, kind));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new RecordClaim(reader.GetInt64(0), reader.GetInt32(1)) : null;
    }

    /// <summary>
    /// Undoes a claim whose call Nexudus certainly did not process (the budget was spent, the credentials or the
    /// endpoint were refused, the call never left): the record waits as before. A create's doubt goes with it; a look-up
    /// left unfinished keeps the doubt it was resolving.
    /// </summary>
    public Task<bool> ReleaseAsync(SourceLease lease, string sourceId, ClaimKind kind, string reason, CancellationToken cancellationToken)
        => kind switch
        {
            ClaimKind.Create => ClaimedWrites.SettleAsync(dataSource, 
                $"status = {ClaimedWrites.Waiting}, last_error = @reason, attempts = greatest(r.attempts - 1, 0), in_doubt = false, attempted_payload = null, attempted_hash = null",
                lease, sourceId, reason, cancellationToken),
            ClaimKind.Update => ClaimedWrites.SettleAsync(dataSource, 
                $"status = {ClaimedWrites.Waiting}, last_error = @reason, attempts = greatest(r.attempts - 1, 0), attempted_hash = null, attempted_payload = case when r.in_doubt then r.attempted_payload end",
                lease, sourceId, reason, cancellationToken),
            _ => ClaimedWrites.SettleAsync(dataSource, $"status = {ClaimedWrites.Waiting}, last_error = @reason", lease, sourceId, reason, cancellationToken),
        };

    /// <summary>
    /// The record is not sent, for a reason only an operator or a change in the data can remove (Nexudus has several
    /// candidates for it, another row of the source is the same person). Looked at again by every run, at no cost in
    /// calls unless Nexudus must be read anyway.
    /// </summary>
    public Task<bool> SettleHeldBackAsync(SourceLease lease, string sourceId, string reason, CancellationToken cancellationToken)
        => ClaimedWrites.SettleAsync(dataSource, 
            $"status = '{RecordState.Rejected}', last_error = @reason, in_doubt = false, attempted_payload = null, attempted_hash = null",
            lease, sourceId, reason, cancellationToken);

    /// <summary>
    /// The update met a contact edited in Nexudus since ContactSync last wrote it, and Nexudus's values are kept: the
    /// record is <c>conflict</c> for an operator, and stays so until its source data changes.
    /// </summary>
    public Task<bool> SettleConflictAsync(SourceLease lease, string sourceId, string conflict, string reason, CancellationToken cancellationToken)
        => ClaimedWrites.SettleAsync(dataSource, 
            $"status = '{RecordState.Conflict}', last_error = @reason, last_conflict = @last_conflict",
            lease, sourceId, reason, cancellationToken, ("last_conflict", conflict));

    /// <summary>The record's contact is gone from Nexudus (deleted by ContactSync in Mirror, or found already gone): it holds none now.</summary>
    public Task<bool> SettleRemovedAsync(SourceLease lease, string sourceId, string reason, CancellationToken cancellationToken)
        => ClaimedWrites.SettleAsync(dataSource, 
            $"status = '{RecordState.Removed}', last_error = @reason, nexudus_id = null, synced_hash = null, synced_payload = null, origin = null, attempted_hash = null",
            lease, sourceId, reason, cancellationToken);

    /// <summary>Nexudus refused this payload: not sent again until the source data changes or an operator asks.</summary>
    public Task<bool> SettleRejectedAsync(SourceLease lease, string sourceId, string reason, CancellationToken cancellationToken)
        => ClaimedWrites.SettleAsync(dataSource, 
            $"""
            status = case when r.desired_hash is distinct from r.attempted_hash and r.desired_hash is not null then '{RecordState.Pending}'
                          when r.desired_hash is null then {ClaimedWrites.Unwanted} else '{RecordState.Rejected}' end,
            last_error = @reason,
            in_doubt = false, attempted_payload = null
            """,
            lease, sourceId, reason, cancellationToken);

    /// <summary>
    /// The call failed in a way that may have to wait (it stays in doubt if its create was sent): a later run tries
    /// again, looking it up first if so.
    /// </summary>
    public Task<bool> SettleFailedAsync(SourceLease lease, string sourceId, string reason, CancellationToken cancellationToken)
        => ClaimedWrites.SettleAsync(dataSource, $"status = '{RecordState.Failed}', last_error = @reason", lease, sourceId, reason, cancellationToken);

    /// <summary>
    /// A record whose doubt is over and that the source no longer wants sent (its row turned invalid): rejected, with
    /// the reason its last ingest gave.
    /// </summary>
    public Task<bool> SettleUnwantedAsync(SourceLease lease, string sourceId, CancellationToken cancellationToken)
        => ClaimedWrites.SettleAsync(dataSource, 
            $"status = {ClaimedWrites.Unwanted}, last_error = coalesce(r.last_error, @reason), in_doubt = false, attempted_payload = null, attempted_hash = null",
            lease, sourceId, "The source no longer has a valid row for this record.", cancellationToken);

    /// <summary>
    /// The claimed record's contact is written by a source that ranks above this one: nothing is sent, and the record
    /// counts as in step with its source until its data changes again.
    /// </summary>
    public Task<bool> SettleDeferredAsync(SourceLease lease, string sourceId, string reason, CancellationToken cancellationToken)
        => ClaimedWrites.SettleAsync(dataSource, 
            $"status = '{RecordState.Synced}', last_error = @reason, synced_hash = r.desired_hash, attempted_hash = null, attempted_payload = null, attempts = 0",
            lease, sourceId, reason, cancellationToken);
}
