using ContactSync.Core.Ledger;
using ContactSync.Core.Nexudus.Model;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace ContactSync.Core.Ingest;

/// <summary>
/// The ingest's half of the ledger: stores a run's batches of source records, and joins the records still waiting from
/// earlier runs to an incremental one. Writes hold only while the run holds its <see cref="SourceLease"/>.
/// </summary>
public sealed class IngestStore(NpgsqlDataSource dataSource)
{
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
                 status, last_error, last_run_id, created_at, updated_at, company_ref, unverified)
            select @lease_source, t.source_id, t.line_number, t.contract_id, t.contact_type, t.payload::jsonb, t.hash,
                   case when t.reason is null then '{RecordState.Pending}' when t.unverified then '{RecordState.Unverified}' else '{RecordState.Rejected}' end,
                   t.reason, @lease_run, now(), now(), t.company, t.unverified
            from unnest(@source_ids, @lines, @contracts, @types, @payloads, @hashes, @reasons, @companies, @unverified)
                as t(source_id, line_number, contract_id, contact_type, payload, hash, reason, company, unverified)
            where {SourceLease.HeldCondition}
            on conflict (source, source_id) do update set
                line_number = excluded.line_number,
                company_ref = excluded.company_ref,
                unverified = excluded.unverified,
                coworker_contract_id = coalesce(excluded.coworker_contract_id, r.coworker_contract_id),
                contact_type = coalesce(excluded.contact_type, r.contact_type),
                desired_payload = excluded.desired_payload,
                desired_hash = excluded.desired_hash,
                -- A record in flight stays so: the run that claimed it settles it, against the desired state it finds
                -- then. Anything else moves as the source says; it is synced only if nothing else was sent since the
                -- synced payload (a write whose answer was lost may have changed the contact).
                status = case
                    when r.status = '{RecordState.InFlight}' then r.status
                    when excluded.last_error is not null then excluded.status
                    -- CreateOnly never changes a contact that exists: a record that has one has nothing to do.
                    when @create_only and r.nexudus_id is not null and not r.in_doubt then '{RecordState.Synced}'
                    -- Kept so until the source says something new: a conflict an operator must settle, a contact deleted
                    -- in Nexudus that this mode does not create again.
                    when r.status in ('{RecordState.Conflict}', '{RecordState.Gone}') and r.attempted_hash = excluded.desired_hash then r.status
                    when r.nexudus_id is not null and r.synced_hash = excluded.desired_hash and not r.in_doubt
                         and (r.attempted_hash is null or r.attempted_hash = r.synced_hash) then '{RecordState.Synced}'
                    when r.status = '{RecordState.Rejected}' and r.attempted_hash = excluded.desired_hash then '{RecordState.Rejected}'
                    when r.status in ('{RecordState.Synced}', '{RecordState.Rejected}', '{RecordState.Superseded}', '{RecordState.Conflict}', '{RecordState.Removed}', '{RecordState.Gone}', '{RecordState.Unverified}') then '{RecordState.Pending}'
                    else r.status
                end,
                last_error = case
                    when excluded.last_error is not null then excluded.last_error
                    when r.status = '{RecordState.InFlight}' then r.last_error
                    when @create_only and r.nexudus_id is not null and not r.in_doubt then null
                    when r.status in ('{RecordState.Conflict}', '{RecordState.Gone}') and r.attempted_hash = excluded.desired_hash then r.last_error
                    when r.nexudus_id is not null and r.synced_hash = excluded.desired_hash and not r.in_doubt
                         and (r.attempted_hash is null or r.attempted_hash = r.synced_hash) then null
                    when r.status = '{RecordState.Rejected}' and r.attempted_hash = excluded.desired_hash then r.last_error
                    when r.status in ('{RecordState.Synced}', '{RecordState.Rejected}', '{RecordState.Superseded}', '{RecordState.Conflict}', '{RecordState.Removed}', '{RecordState.Gone}', '{RecordState.Unverified}') then null
                    else r.last_error
                end,
                attempted_hash = case when excluded.last_error is not null and r.status <> '{RecordState.InFlight}' then null else r.attempted_hash end,
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
        command.Parameters.Add(new NpgsqlParameter("unverified", NpgsqlDbType.Array | NpgsqlDbType.Boolean) { Value = rows.Select(r => r.NotVerified).ToArray() });

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
              and ((r.status in ('{RecordState.Pending}', '{RecordState.Failed}') and r.desired_payload is not null) or r.status = '{RecordState.InFlight}' or (r.in_doubt and r.status <> '{RecordState.Synced}'))
              and {SourceLease.HeldCondition}
            """);
        lease.AddParameters(command.Parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
