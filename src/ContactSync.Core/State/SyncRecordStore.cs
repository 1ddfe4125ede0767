using ContactSync.Core.Nexudus;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using ContactSync.Core.Nexudus.Http;
using ContactSync.Core.Nexudus.Model;
using ContactSync.Core.Postgres;

namespace ContactSync.Core.State;

/// <summary>
/// The per-record ledger: what each source record should be in Nexudus and where it stands. Every state change of the
/// push protocol is committed here before the next step is taken (docs/decisions/0001-idempotency-protocol.md):
/// ingest writes and claims hold only while the run holds its <see cref="SourceLease"/>; a claim is a
/// compare-and-set on the row's version; a settlement only takes effect while the record is still in flight under
/// the claiming run.
/// </summary>
public sealed partial class SyncRecordStore(NpgsqlDataSource dataSource, TimeProvider time, IOptions<NexudusOptions> nexudus)
{
    /// <summary>Beyond the client's total timeout: a server may still be finishing a request whose client gave up.</summary>
    private static readonly TimeSpan InFlightSlack = TimeSpan.FromSeconds(5);

    /// <summary>What a record released unsent waits as: pending, or rejected if its source row has turned invalid.</summary>
    private const string Waiting = "case when r.desired_hash is null then 'rejected' else 'pending' end";

    private const string Claimed = "r.source = @lease_source and r.source_id = @source_id and r.claimed_by = @lease_run and r.status = 'in_flight'";

    /// <summary>
    /// How long after a record's create was claimed that call may still be under way: the Nexudus client gives up a
    /// call, with all its retries and its answer read, after <see cref="NexudusOptions.TotalTimeout"/>. Until then no run
    /// looks the record up or sends it again; a create in doubt may land after a look-up. An update is two calls (GET,
    /// then PUT), so its claim lasts twice as long. The claimant writes the end into <c>in_flight_until</c>, so every
    /// replica honours the claimant's own timeouts; rows claimed before that column use this from their claim time.
    /// </summary>
    public static TimeSpan InFlightLease(NexudusOptions options) => InFlightLease(options, ClaimKind.Create);

    public static TimeSpan InFlightLease(NexudusOptions options, ClaimKind kind)
    {
        ArgumentNullException.ThrowIfNull(options);
        return (kind == ClaimKind.Update ? options.TotalTimeout * 2 : options.TotalTimeout) + InFlightSlack;
    }

    /// <summary>
    /// Stores one batch of the run's records and returns the status each now has. A source_id already stored by this
    /// run is left alone and not returned: the caller reports it as a duplicate. Throws
    /// <see cref="SourceLeaseLostException"/> (and writes nothing) once the run no longer holds its source.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> UpsertAsync(
        SourceLease lease, IReadOnlyList<IngestRow> rows, CancellationToken cancellationToken, bool createOnly = false)
    {
        ArgumentNullException.ThrowIfNull(lease);
        await using var command = dataSource.CreateCommand(
            $"""
            insert into sync_records as r
                (source, source_id, line_number, coworker_contract_id, contact_type, desired_payload, desired_hash,
                 status, last_error, last_run_id, created_at, updated_at, company_ref)
            select @lease_source, t.source_id, t.line_number, t.contract_id, t.contact_type, t.payload::jsonb, t.hash,
                   case when t.reason is null then 'pending' else 'rejected' end, t.reason, @lease_run, now(), now(), t.company
            from unnest(@source_ids, @lines, @contracts, @types, @payloads, @hashes, @reasons, @companies)
                as t(source_id, line_number, contract_id, contact_type, payload, hash, reason, company)
            where {SourceLease.HeldCondition}
            on conflict (source, source_id) do update set
                line_number = excluded.line_number,
                company_ref = excluded.company_ref,
                coworker_contract_id = coalesce(excluded.coworker_contract_id, r.coworker_contract_id),
                contact_type = coalesce(excluded.contact_type, r.contact_type),
                desired_payload = excluded.desired_payload,
                desired_hash = excluded.desired_hash,
                -- A record in flight stays so: the run that claimed it settles it, against the desired state it finds
                -- then. Anything else moves as the source says; it is synced only if nothing else was sent since the
                -- synced payload (a write whose answer was lost may have changed the contact).
                status = case
                    when r.status = 'in_flight' then r.status
                    when excluded.last_error is not null then 'rejected'
                    -- CreateOnly never changes a contact that exists: a record that has one has nothing to do.
                    when @create_only and r.nexudus_id is not null and not r.in_doubt then 'synced'
                    -- Kept so until the source says something new: a conflict an operator must settle, a contact deleted
                    -- in Nexudus that this mode does not create again.
                    when r.status in ('conflict', 'gone') and r.attempted_hash = excluded.desired_hash then r.status
                    when r.nexudus_id is not null and r.synced_hash = excluded.desired_hash and not r.in_doubt
                         and (r.attempted_hash is null or r.attempted_hash = r.synced_hash) then 'synced'
                    when r.status = 'rejected' and r.attempted_hash = excluded.desired_hash then 'rejected'
                    when r.status in ('synced', 'rejected', 'superseded', 'conflict', 'removed', 'gone') then 'pending'
                    else r.status
                end,
                last_error = case
                    when excluded.last_error is not null then excluded.last_error
                    when r.status = 'in_flight' then r.last_error
                    when @create_only and r.nexudus_id is not null and not r.in_doubt then null
                    when r.status in ('conflict', 'gone') and r.attempted_hash = excluded.desired_hash then r.last_error
                    when r.nexudus_id is not null and r.synced_hash = excluded.desired_hash and not r.in_doubt
                         and (r.attempted_hash is null or r.attempted_hash = r.synced_hash) then null
                    when r.status = 'rejected' and r.attempted_hash = excluded.desired_hash then r.last_error
                    when r.status in ('synced', 'rejected', 'superseded', 'conflict', 'removed', 'gone') then null
                    else r.last_error
                end,
                attempted_hash = case when excluded.last_error is not null and r.status <> 'in_flight' then null else r.attempted_hash end,
                last_run_id = excluded.last_run_id,
                version = r.version + 1,
                updated_at = excluded.updated_at
            where r.last_run_id is distinct from excluded.last_run_id
            returning r.source_id, r.status
            """);
        lease.AddParameters(command.Parameters);
        command.Parameters.AddWithValue("create_only", createOnly);
        command.Parameters.AddWithValue("source_ids", rows.Select(r => r.SourceId).ToArray());
        command.Parameters.AddWithValue("lines", rows.Select(r => r.LineNumber).ToArray());
        command.Parameters.Add(new NpgsqlParameter("contracts", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = rows.Select(r => r.CoworkerContractId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("types", NpgsqlDbType.Array | NpgsqlDbType.Smallint) { Value = rows.Select(r => r.ContactType).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("payloads", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = rows.Select(r => r.PayloadJson).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("hashes", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = rows.Select(r => r.PayloadHash).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("reasons", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = rows.Select(r => r.RejectionReason).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("companies", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = rows.Select(r => r.CompanyRef).ToArray() });

        var statuses = new Dictionary<string, string>(rows.Count, StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                statuses[reader.GetString(0)] = reader.GetString(1);
            }
        }

        if (statuses.Count < rows.Count)
        {
            // Either rows this run stored already (reported as repeats) or a lease that is gone (nothing stored).
            await lease.ThrowIfLostAsync(cancellationToken);
        }

        return statuses;
    }

    /// <summary>
    /// The run's records that still need a call, ordered by contract so one contract's records arrive together:
    /// those the source wants sent, and those with a create in doubt or a claim left in flight whatever the source
    /// says now (a row that turned invalid still has to have its doubt resolved). Keyset-paged: pass the last
    /// (contract, source_id) seen. A record whose create or update was claimed less than <see cref="InFlightLease"/>
    /// ago is left out while it is in flight or in doubt: that call may still be under way (sent by a run that has
    /// since died or lost its lease), and a look-up now could miss what it makes.
    /// </summary>
    public async Task<IReadOnlyList<PendingRecord>> PendingPageAsync(
        string source, Guid runId, (int Contract, string SourceId)? after, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            select source_id, coworker_contract_id, desired_payload::text, desired_hash, nexudus_id, status, attempts,
                   version, in_doubt, case when in_doubt then attempted_payload::text end, attempt_floor_id, synced_payload::text, origin
            from sync_records
            where source = @source and last_run_id = @run
              and ((status in ('pending', 'in_flight', 'failed') and desired_payload is not null)
                   or status = 'in_flight' or (in_doubt and status <> 'synced'))
              and coworker_contract_id is not null
              and (coworker_contract_id, source_id) > (@after_contract, @after_id)
              and not ((status = 'in_flight' or in_doubt)
                       and coalesce(in_flight_until, in_flight_since + @in_flight_lease, '-infinity') > now())
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
    /// An operator's retry (one record, or every one of the source): failed and rejected records, and records left in
    /// flight by a run that is gone (its call can no longer be under way), go back to pending with their attempts reset.
    /// A create in doubt keeps its doubt and what it sent: the next run looks it up before sending anything.
    /// </summary>
    public async Task<int> RequeueAsync(string source, string? sourceId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            update sync_records r set
                status = '{RecordStatus.Pending}', claimed_by = null, attempts = 0,
                attempted_hash = case when r.in_doubt then r.attempted_hash end,
                version = r.version + 1, updated_at = now()
            where r.source = @source and (@source_id::text is null or r.source_id = @source_id)
              and (r.status in ('{RecordStatus.Failed}', '{RecordStatus.Rejected}')
                   or (r.status = '{RecordStatus.InFlight}'
                       and coalesce(r.in_flight_until, r.in_flight_since + @lease, '-infinity') < now()
                       and not exists (select 1 from source_leases l where l.source = r.source and l.run_id = r.claimed_by and l.expires_at > now())))
            """);
        command.Parameters.AddWithValue("source", source);
        command.Parameters.Add(new NpgsqlParameter("source_id", NpgsqlDbType.Text) { Value = (object?)sourceId ?? DBNull.Value });
        command.Parameters.AddWithValue("lease", InFlightLease(nexudus.Value, ClaimKind.Update));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// After an incremental read (one that only yields what changed), the source's records still waiting from earlier
    /// runs — pending, failed, left in flight or in doubt — join this run, so it tries them again: what the ledger
    /// holds of them is still the latest the source said. Returns how many joined.
    /// </summary>
    public async Task<int> CarryOverAsync(SourceLease lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        await using var command = dataSource.CreateCommand(
            $"""
            update sync_records r set last_run_id = @lease_run
            where r.source = @lease_source and r.last_run_id is distinct from @lease_run
              and ((r.status in ('pending', 'failed') and r.desired_payload is not null) or r.status = 'in_flight' or (r.in_doubt and r.status <> 'synced'))
              and {SourceLease.HeldCondition}
            """);
        lease.AddParameters(command.Parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
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
                status = 'in_flight',
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
        command.Parameters.AddWithValue("kind", KindName(kind));
        command.Parameters.AddWithValue("in_flight_for", InFlightLease(nexudus.Value, kind));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new RecordClaim(reader.GetInt64(0), reader.GetInt32(1)) : null;
    }

    /// <summary>
    /// Nexudus holds the record as Id <paramref name="nexudusId"/> with the payload this run sent (or, when adopted, with
    /// the payload the create in doubt sent). That payload's hash becomes the synced hash, so a source change made
    /// meanwhile leaves the record pending. An adoption only takes a contact no other record holds. Null when the claim
    /// is no longer this run's, or the contact is already another record's.
    /// </summary>
    public Task<SettledRecord?> SettleSyncedAsync(
        SourceLease lease, string sourceId, int nexudusId, bool adopted, CancellationToken cancellationToken, string? conflict = null)
        => SettleOnContactAsync(
            $"""
            status = case when r.desired_hash is null then 'rejected' when r.desired_hash = r.attempted_hash then 'synced' else 'pending' end,
            last_error = case when r.desired_hash is null then r.last_error end,
            synced_payload = coalesce(r.attempted_payload, case when r.attempted_hash = r.desired_hash then r.desired_payload end, r.synced_payload),
            last_conflict = coalesce(@conflict, r.last_conflict),
            nexudus_id = @nexudus_id, synced_hash = r.attempted_hash, attempts = 0,
            origin = {(adopted ? "'found'" : "case when r.nexudus_id = @nexudus_id then coalesce(r.origin, 'created') else 'created' end")},
            in_doubt = false, attempted_payload = null
            """,
            lease, sourceId, nexudusId, checkOwner: adopted, cancellationToken, conflict);

    /// <summary>
    /// The record is the contact <paramref name="nexudusId"/>, found on its contract where somebody else put it: held
    /// from now on, as found, with nothing sent. Null when the claim is no longer this run's, or another record holds
    /// the contact already.
    /// </summary>
    public Task<SettledRecord?> SettleLinkedAsync(SourceLease lease, string sourceId, int nexudusId, CancellationToken cancellationToken)
        => SettleOnContactAsync(
            """
            status = 'synced', last_error = null, nexudus_id = @nexudus_id, synced_hash = r.desired_hash, attempted_hash = null,
            synced_payload = null, origin = 'found', attempts = 0, in_doubt = false, attempted_payload = null
            """,
            lease, sourceId, nexudusId, checkOwner: true, cancellationToken);

    private async Task<SettledRecord?> SettleOnContactAsync(
        string assignments, SourceLease lease, string sourceId, int nexudusId, bool checkOwner, CancellationToken cancellationToken,
        string? conflict = null)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var ownerCheck = checkOwner
            ? "and not exists (select 1 from sync_records o where o.nexudus_id = @nexudus_id and (o.source, o.source_id) <> (r.source, r.source_id))"
            : "";
        await using var command = dataSource.CreateCommand(
            $"""
            update sync_records r set {assignments}, claimed_by = null, version = r.version + 1, updated_at = now()
            where {Claimed} {ownerCheck}
            returning r.status, r.version
            """);
        lease.AddParameters(command.Parameters);
        command.Parameters.AddWithValue("source_id", sourceId);
        command.Parameters.AddWithValue("nexudus_id", nexudusId);
        command.Parameters.Add(new NpgsqlParameter("conflict", NpgsqlDbType.Text) { Value = (object?)conflict ?? DBNull.Value });
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? new SettledRecord(reader.GetString(0), reader.GetInt64(1)) : null;
        }
        catch (PostgresException e) when (checkOwner && e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // Another record took the contact between the look-up and now: one contact, one record.
            return null;
        }
    }

    /// <summary>
    /// The record is not sent, for a reason only an operator or a change in the data can remove (Nexudus has several
    /// candidates for it, another row of the source is the same person). Looked at again by every run, at no cost in
    /// calls unless Nexudus must be read anyway.
    /// </summary>
    public Task<bool> SettleHeldBackAsync(SourceLease lease, string sourceId, string reason, CancellationToken cancellationToken)
        => SettleAsync(
            "status = 'rejected', last_error = @reason, in_doubt = false, attempted_payload = null, attempted_hash = null",
            lease, sourceId, reason, cancellationToken);

    /// <summary>
    /// The source's other records on the same contract with the same type, as the ledger has them now (the caller
    /// decides which are the same person). <see cref="SiblingRecord.InThisRun"/>: the run's read of the source had it.
    /// </summary>
    public async Task<IReadOnlyList<SiblingRecord>> SiblingsAsync(
        string source, Guid runId, string sourceId, int contractId, short contactType, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            select source_id, desired_payload::text, nexudus_id, status, last_run_id = @run, synced_payload::text, in_doubt
            from sync_records
            where source = @source and coworker_contract_id = @contract and contact_type = @type and source_id <> @source_id
              and desired_payload is not null
            order by source_id
            """);
        command.Parameters.AddWithValue("source", source);
        command.Parameters.AddWithValue("run", runId);
        command.Parameters.AddWithValue("source_id", sourceId);
        command.Parameters.AddWithValue("contract", contractId);
        command.Parameters.AddWithValue("type", contactType);
        var siblings = new List<SiblingRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            siblings.Add(new SiblingRecord(
                reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetInt32(2), reader.GetString(3), reader.GetBoolean(4),
                reader.IsDBNull(5) ? null : reader.GetString(5))
            {
                InDoubt = reader.GetBoolean(6),
            });
        }

        return siblings;
    }

    /// <summary>
    /// A record whose key changed: <paramref name="formerId"/> is gone from this run's complete read of the source, and
    /// its contact is the same person as the claimed record <paramref name="sourceId"/>, which takes the contact over
    /// (with what was last synced to it, and whether ContactSync created or found it) instead of a removal and a
    /// create. Null when the claim is no longer this run's, or the former record has moved on meanwhile.
    /// </summary>
    public async Task<SettledRecord?> TakeOverAsync(
        SourceLease lease, string sourceId, string formerId, int nexudusId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var release = new NpgsqlCommand(
            $"""
            update sync_records o set
                nexudus_id = null, synced_hash = null, status = 'superseded', claimed_by = null,
                last_error = 'Gone from the source; its contact passed to source_id ' || @source_id || ', the same person under a new key.',
                version = o.version + 1, updated_at = now()
            where o.source = @lease_source and o.source_id = @former_id and o.nexudus_id = @nexudus_id
              and o.status <> 'in_flight' and not o.in_doubt and o.last_run_id is distinct from @lease_run
              and {SourceLease.HeldCondition}
            returning o.synced_hash, o.origin, o.synced_payload::text
            """,
            connection,
            transaction);
        lease.AddParameters(release.Parameters);
        release.Parameters.AddWithValue("source_id", sourceId);
        release.Parameters.AddWithValue("former_id", formerId);
        release.Parameters.AddWithValue("nexudus_id", nexudusId);
        string? syncedHash;
        string? origin;
        string? syncedPayload;
        await using (var reader = await release.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            (syncedHash, origin) = (reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1));
            syncedPayload = reader.IsDBNull(2) ? null : reader.GetString(2);
        }

        await using var take = new NpgsqlCommand(
            $"""
            update sync_records r set
                nexudus_id = @nexudus_id, synced_hash = @synced_hash, origin = @origin, attempted_hash = null,
                synced_payload = @synced_payload::jsonb,
                status = case when r.desired_hash = @synced_hash then 'synced' else 'pending' end, last_error = null,
                attempts = 0, in_doubt = false, attempted_payload = null, claimed_by = null, version = r.version + 1, updated_at = now()
            where {Claimed}
            returning r.status, r.version
            """,
            connection,
            transaction);
        lease.AddParameters(take.Parameters);
        take.Parameters.AddWithValue("source_id", sourceId);
        take.Parameters.AddWithValue("nexudus_id", nexudusId);
        take.Parameters.Add(new NpgsqlParameter("synced_hash", NpgsqlDbType.Text) { Value = (object?)syncedHash ?? DBNull.Value });
        // Not known to be ContactSync's own: then it is never removed on ContactSync's say.
        take.Parameters.Add(new NpgsqlParameter("origin", NpgsqlDbType.Text) { Value = (object?)origin ?? "found" });
        take.Parameters.Add(new NpgsqlParameter("synced_payload", NpgsqlDbType.Text) { Value = (object?)syncedPayload ?? DBNull.Value });
        SettledRecord? settled;
        await using (var reader = await take.ExecuteReaderAsync(cancellationToken))
        {
            settled = await reader.ReadAsync(cancellationToken) ? new SettledRecord(reader.GetString(0), reader.GetInt64(1)) : null;
        }

        if (settled is null)
        {
            await transaction.RollbackAsync(cancellationToken);
            return null;
        }

        await transaction.CommitAsync(cancellationToken);
        return settled;
    }

    /// <summary>
    /// The update met a contact edited in Nexudus since ContactSync last wrote it, and Nexudus's values are kept: the
    /// record is <c>conflict</c> for an operator, and stays so until its source data changes.
    /// </summary>
    public Task<bool> SettleConflictAsync(SourceLease lease, string sourceId, string conflict, string reason, CancellationToken cancellationToken)
        => SettleAsync(
            "status = 'conflict', last_error = @reason, last_conflict = @conflict",
            lease, sourceId, reason, cancellationToken, ("conflict", conflict));

    /// <summary>The record's contact is gone from Nexudus (deleted by ContactSync in Mirror, or found already gone): it holds none now.</summary>
    public Task<bool> SettleRemovedAsync(SourceLease lease, string sourceId, string reason, CancellationToken cancellationToken)
        => SettleAsync(
            "status = 'removed', last_error = @reason, nexudus_id = null, synced_hash = null, synced_payload = null, origin = null, attempted_hash = null",
            lease, sourceId, reason, cancellationToken);

    /// <summary>How many contacts the source's records hold: what the removal share is of.</summary>
    /// <param name="companies">Only the contacts of these companies, or null for all.</param>
    public async Task<int> HeldContactsAsync(string source, IReadOnlyCollection<string>? companies, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "select count(*)::int from sync_records where source = @source and nexudus_id is not null and (@all or company_ref = any(@companies))");
        command.Parameters.AddWithValue("source", source);
        command.Parameters.AddWithValue("all", companies is null);
        command.Parameters.AddWithValue("companies", (companies ?? []).ToArray());
        return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// The records Mirror would remove: gone from this run's (complete) read of the source, still holding a contact
    /// ContactSync created (or found, with <paramref name="includeFound"/>), not in doubt, and not in flight unless a
    /// run that is gone left them so.
    /// </summary>
    /// <param name="companies">The companies the read covered, or null for all: a record of another company is not gone, only unread.</param>
    /// <param name="unread">Companies the read could not read: none of their records is gone.</param>
    public async Task<IReadOnlyList<PendingRecord>> RemovalCandidatesAsync(
        string source, Guid runId, bool includeFound, IReadOnlyCollection<string>? companies, IReadOnlyCollection<string> unread,
        CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            select source_id, coworker_contract_id, desired_payload::text, desired_hash, nexudus_id, status, attempts, version
            from sync_records
            where source = @source and last_run_id is distinct from @run and nexudus_id is not null
              and (status in ('synced', 'pending', 'failed', 'conflict')
                   -- A removal or update left in flight by a run that is gone: DELETE is idempotent, so it is sent again.
                   or (status = 'in_flight' and coalesce(in_flight_until, in_flight_since + @in_flight_lease, '-infinity') < now()))
              and not in_doubt
              and (origin = 'created' or @include_found)
              and (@all or company_ref = any(@companies))
              and (company_ref is null or not (company_ref = any(@unread)))
            order by coworker_contract_id, source_id
            """);
        command.Parameters.AddWithValue("source", source);
        command.Parameters.AddWithValue("run", runId);
        command.Parameters.AddWithValue("include_found", includeFound);
        command.Parameters.AddWithValue("all", companies is null);
        command.Parameters.AddWithValue("companies", (companies ?? []).ToArray());
        command.Parameters.AddWithValue("unread", unread.ToArray());
        command.Parameters.AddWithValue("in_flight_lease", InFlightLease(nexudus.Value, ClaimKind.Update));
        var readAt = time.GetTimestamp();
        var candidates = new List<PendingRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            candidates.Add(new PendingRecord(
                reader.GetString(0), reader.IsDBNull(1) ? 0 : reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetInt32(4), reader.GetString(5), reader.GetInt32(6), reader.GetInt64(7),
                InDoubt: false, AttemptedPayloadJson: null, AttemptFloorId: null, readAt));
        }

        return candidates;
    }

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
            """
            select source_id, nexudus_id, synced_payload::text, origin from sync_records
            where source = @source and last_run_id = @run and nexudus_id is not null and status = 'synced' and not in_doubt
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
            """
            nexudus_id = null, synced_hash = null, synced_payload = null, origin = null,
            status = case when @create_only then 'gone' else 'pending' end,
            attempted_hash = case when @create_only then r.desired_hash end,
            last_error = case when @create_only
                then 'Deleted in Nexudus by somebody else (noticed by the drift check); CreateOnly does not create it again'
                else 'Deleted in Nexudus by somebody else (noticed by the drift check); created again' end
            """,
            lease, deleted, createOnly, cancellationToken);

    /// <summary>Records whose contacts were edited in Nexudus: sent again, so the update meets the edit and the conflict policy decides.</summary>
    public Task<int> MarkEditedInNexudusAsync(SourceLease lease, IReadOnlyList<(string SourceId, int NexudusId)> edited, CancellationToken cancellationToken)
        => MarkDriftAsync("synced_hash = null, status = 'pending'", lease, edited, createOnly: false, cancellationToken);

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
              and r.status = 'synced' and not r.in_doubt and {SourceLease.HeldCondition}
            """);
        lease.AddParameters(command.Parameters);
        command.Parameters.AddWithValue("source_ids", records.Select(record => record.SourceId).ToArray());
        command.Parameters.AddWithValue("nexudus_ids", records.Select(record => record.NexudusId).ToArray());
        command.Parameters.AddWithValue("create_only", createOnly);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Every record of the source as the ledger holds it, for a dry run (read only).</summary>
    public async Task<IReadOnlyDictionary<string, LedgerEntry>> LedgerViewAsync(string source, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            select source_id, coworker_contract_id, contact_type, desired_payload::text, desired_hash, synced_hash, attempted_hash,
                   synced_payload::text, nexudus_id, status, in_doubt, origin, last_error, company_ref
            from sync_records where source = @source
            """);
        command.Parameters.AddWithValue("source", source);
        var entries = new Dictionary<string, LedgerEntry>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            entries[reader.GetString(0)] = new LedgerEntry(
                reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetInt16(2),
                Text(3), Text(4), Text(5), Text(6), Text(7), reader.IsDBNull(8) ? null : reader.GetInt32(8), reader.GetString(9),
                reader.GetBoolean(10), Text(11), Text(12)) { CompanyRef = Text(13) };
        }

        return entries;
    }

    /// <summary>
    /// How much matching the run has to do: the contracts its records without a contact are on, and how many contacts
    /// the source holds already (a floor for how many pages the account's contacts take).
    /// </summary>
    public async Task<(int ContractsToMatch, int HeldContacts)> MatchingWorkAsync(string source, Guid runId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            select
                (select count(distinct coworker_contract_id)::int from sync_records
                 where source = @source and last_run_id = @run and nexudus_id is null and desired_payload is not null
                   and status in ('pending', 'failed', 'in_flight')),
                (select count(*)::int from sync_records where source = @source and nexudus_id is not null)
            """);
        command.Parameters.AddWithValue("source", source);
        command.Parameters.AddWithValue("run", runId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt32(0), reader.GetInt32(1));
    }

    /// <summary>Nexudus refused this payload: not sent again until the source data changes or an operator asks.</summary>
    public Task<bool> SettleRejectedAsync(SourceLease lease, string sourceId, string reason, CancellationToken cancellationToken)
        => SettleAsync(
            """
            status = case when r.desired_hash is distinct from r.attempted_hash and r.desired_hash is not null then 'pending' else 'rejected' end,
            last_error = @reason,
            in_doubt = false, attempted_payload = null
            """,
            lease, sourceId, reason, cancellationToken);

    /// <summary>
    /// The call failed in a way that may have to wait (it stays in doubt if its create was sent): a later run tries
    /// again, looking it up first if so.
    /// </summary>
    public Task<bool> SettleFailedAsync(SourceLease lease, string sourceId, string reason, CancellationToken cancellationToken)
        => SettleAsync("status = 'failed', last_error = @reason", lease, sourceId, reason, cancellationToken);


    /// <summary>
    /// Undoes a claim whose call Nexudus certainly did not process (the budget was spent, the credentials or the
    /// endpoint were refused, the call never left): the record waits as before. A create's doubt goes with it; a look-up
    /// left unfinished keeps the doubt it was resolving.
    /// </summary>
    public Task<bool> ReleaseAsync(SourceLease lease, string sourceId, ClaimKind kind, string reason, CancellationToken cancellationToken)
        => kind switch
        {
            ClaimKind.Create => SettleAsync(
                $"status = {Waiting}, last_error = @reason, attempts = greatest(r.attempts - 1, 0), in_doubt = false, attempted_payload = null, attempted_hash = null",
                lease, sourceId, reason, cancellationToken),
            ClaimKind.Update => SettleAsync(
                $"status = {Waiting}, last_error = @reason, attempts = greatest(r.attempts - 1, 0), attempted_hash = null, attempted_payload = case when r.in_doubt then r.attempted_payload end",
                lease, sourceId, reason, cancellationToken),
            _ => SettleAsync($"status = {Waiting}, last_error = @reason", lease, sourceId, reason, cancellationToken),
        };

    /// <summary>
    /// A record whose doubt is over and that the source no longer wants sent (its row turned invalid): rejected, with
    /// the reason its last ingest gave.
    /// </summary>
    public Task<bool> SettleUnwantedAsync(SourceLease lease, string sourceId, CancellationToken cancellationToken)
        => SettleAsync(
            "status = 'rejected', last_error = coalesce(r.last_error, @reason), in_doubt = false, attempted_payload = null, attempted_hash = null",
            lease, sourceId, "The source no longer has a valid row for this record.", cancellationToken);

    /// <summary>Which of these Nexudus Ids some record already owns (of any source, on any contract), so a look-up never adopts another record's contact.</summary>
    public async Task<HashSet<int>> OwnedAmongAsync(IReadOnlyCollection<int> nexudusIds, CancellationToken cancellationToken)
    {
        if (nexudusIds.Count == 0)
        {
            return [];
        }

        await using var command = dataSource.CreateCommand("select nexudus_id from sync_records where nexudus_id = any(@ids)");
        command.Parameters.AddWithValue("ids", nexudusIds.ToArray());
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

    private static string KindName(ClaimKind kind) => kind switch
    {
        ClaimKind.Resolve => "resolve",
        ClaimKind.Create => "create",
        _ => "update",
    };

    /// <summary>Ends this run's claim with <paramref name="assignments"/>; false when the claim is no longer its own.</summary>
    private async Task<bool> SettleAsync(
        string assignments, SourceLease lease, string sourceId, string reason, CancellationToken cancellationToken,
        (string Name, string Value)? extra = null)
    {
        ArgumentNullException.ThrowIfNull(lease);
        await using var command = dataSource.CreateCommand(
            $"""
            update sync_records r set {assignments}, claimed_by = null, version = r.version + 1, updated_at = now()
            where {Claimed}
            """);
        lease.AddParameters(command.Parameters);
        command.Parameters.AddWithValue("source_id", sourceId);
        command.Parameters.AddWithValue("reason", reason);
        if (extra is { } parameter)
        {
            command.Parameters.AddWithValue(parameter.Name, parameter.Value);
        }

        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }
}
