using Npgsql;
using ContactSync.Core.Postgres;

namespace ContactSync.Core.State;

/// <summary>
/// Contacts that several sources hold: when two sources bring the same person for the same contract and type, the
/// second links to the first's contact through the ledger (the matcher decides who is the same person), only the
/// source that ranks first writes it, and none removes it while another still holds it.
/// </summary>
public sealed partial class SyncRecordStore
{
    /// <summary>Other sources' records on this contract with this type, with what they hold or are doing.</summary>
    public async Task<IReadOnlyList<SharedRecord>> OtherSourcesOnContractAsync(
        string source, int contractId, short contactType, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            select source, source_id, coalesce(desired_payload, synced_payload)::text, nexudus_id, origin, in_doubt,
                   -- Under way: within its call's window, or claimed (a look-up, which sets no window) by a run that still holds its source.
                   status = 'in_flight' and (coalesce(in_flight_until, in_flight_since + @lease, '-infinity') >= now()
                       or exists (select 1 from source_leases l where l.source = r.source and l.run_id = r.claimed_by and l.expires_at > now())),
                   synced_payload::text
            from sync_records r
            where source <> @source and coworker_contract_id = @contract and contact_type = @type
              and coalesce(desired_payload, synced_payload) is not null and status not in ('removed', 'superseded')
            order by source, source_id
            """);
        command.Parameters.AddWithValue("source", source);
        command.Parameters.AddWithValue("contract", contractId);
        command.Parameters.AddWithValue("type", contactType);
        command.Parameters.AddWithValue("lease", InFlightLease(nexudus.Value, ClaimKind.Update));
        var records = new List<SharedRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(new SharedRecord(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetInt32(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetBoolean(5), reader.GetBoolean(6), reader.IsDBNull(7) ? null : reader.GetString(7)));
        }

        return records;
    }

    /// <summary>The other sources holding this contact now.</summary>
    public async Task<IReadOnlyList<string>> OtherHoldersAsync(string source, int nexudusId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "select distinct source from sync_records where nexudus_id = @id and source <> @source order by source");
        command.Parameters.AddWithValue("id", nexudusId);
        command.Parameters.AddWithValue("source", source);
        var holders = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            holders.Add(reader.GetString(0));
        }

        return holders;
    }

    /// <summary>
    /// The claimed record is the same person as another source's record, and holds its contact too, with nothing sent:
    /// as that record's origin (a contact ContactSync created stays ContactSync's to remove once nobody holds it).
    /// With <paramref name="writes"/> the record is left pending, for this source to bring the contact up to its data.
    /// The <paramref name="note"/> (which source it shares with, which writes) stays with the record.
    /// Null when the claim is no longer this run's, the other record let the contact go meanwhile, or this source holds
    /// the contact under another record already.
    /// </summary>
    public async Task<SettledRecord?> SettleSharedAsync(
        SourceLease lease, string sourceId, int nexudusId, bool writes, string note, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        await using var command = dataSource.CreateCommand(
            $"""
            update sync_records r set
                status = case when @writes then 'pending' else 'synced' end, last_error = @note, nexudus_id = @nexudus_id,
                synced_hash = case when @writes then null else r.desired_hash end, attempted_hash = null, synced_payload = null,
                origin = (select coalesce(min(o.origin), 'found') from sync_records o where o.nexudus_id = @nexudus_id and o.source <> r.source),
                attempts = 0, in_doubt = false, attempted_payload = null, claimed_by = null, version = r.version + 1, updated_at = now()
            where {Claimed}
              and exists (select 1 from sync_records o where o.nexudus_id = @nexudus_id and o.source <> r.source)
              and not exists (select 1 from sync_records o where o.nexudus_id = @nexudus_id and o.source = r.source and o.source_id <> r.source_id)
            returning r.status, r.version
            """);
        lease.AddParameters(command.Parameters);
        command.Parameters.AddWithValue("source_id", sourceId);
        command.Parameters.AddWithValue("nexudus_id", nexudusId);
        command.Parameters.AddWithValue("writes", writes);
        command.Parameters.AddWithValue("note", note);
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? new SettledRecord(reader.GetString(0), reader.GetInt64(1)) : null;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return null;
        }
    }

    /// <summary>
    /// The claimed record's contact is written by a source that ranks above this one: nothing is sent, and the record
    /// counts as in step with its source until its data changes again.
    /// </summary>
    public Task<bool> SettleDeferredAsync(SourceLease lease, string sourceId, string reason, CancellationToken cancellationToken)
        => SettleAsync(
            "status = 'synced', last_error = @reason, synced_hash = r.desired_hash, attempted_hash = null, attempted_payload = null, attempts = 0",
            lease, sourceId, reason, cancellationToken);

    /// <summary>
    /// Mirror, for a contact another source still holds: this record lets it go and nothing is deleted. The holders
    /// that deferred to this source are made pending, so the next that ranks first brings the contact up to its data.
    /// </summary>
    public async Task<bool> SettleLetGoAsync(SourceLease lease, string sourceId, int nexudusId, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        await using var command = dataSource.CreateCommand(
            $"""
            with released as (
                update sync_records r set
                    status = 'removed', last_error = @reason, nexudus_id = null, synced_hash = null, synced_payload = null, origin = null,
                    attempted_hash = null, claimed_by = null, version = r.version + 1, updated_at = now()
                where {Claimed} and r.nexudus_id = @nexudus_id
                returning r.source
            ),
            handed as (
                update sync_records o set status = 'pending', synced_hash = null, version = o.version + 1, updated_at = now()
                from released
                where o.nexudus_id = @nexudus_id and o.source <> released.source and o.status = 'synced'
                returning 1
            )
            select count(*)::int from released
            """);
        lease.AddParameters(command.Parameters);
        command.Parameters.AddWithValue("source_id", sourceId);
        command.Parameters.AddWithValue("nexudus_id", nexudusId);
        command.Parameters.AddWithValue("reason", reason);
        return await command.ExecuteScalarAsync(cancellationToken) is 1;
    }
}

/// <summary>Another source's record on a contract: its person, what it holds, and whether a create of it may be under way or in doubt.</summary>
public sealed record SharedRecord(
    string Source, string SourceId, string PayloadJson, int? NexudusId, string? Origin, bool InDoubt, bool InFlight, string? SyncedPayloadJson);
