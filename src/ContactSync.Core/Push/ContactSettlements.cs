using ContactSync.Core.Ledger;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace ContactSync.Core.Push;

/// <summary>
/// The settlements that give a claimed record its contact: synced or adopted after a call, linked to a contact found on
/// its contract, shared with another source's record, taken over from a former key, or let go to another holder. One
/// contact, one record: a contact another record holds is never taken.
/// </summary>
public sealed class ContactSettlements(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Nexudus holds the record as Id <paramref name="nexudusId"/> with the payload this run sent (or, when adopted, with
    /// the payload the create in doubt sent). That payload's hash becomes the synced hash, so a source change made
    /// meanwhile leaves the record pending. An adoption only takes a contact no other record holds. Null when the claim
    /// is no longer this run's, or the contact is already another record's.
    /// </summary>
    public Task<SettledRecord?> SettleSyncedAsync(
        SourceLease lease, string sourceId, int nexudusId, bool adopted, CancellationToken cancellationToken, string? conflict = null)
        => ClaimedWrites.SettleOnContactAsync(dataSource, 
            $"""
            status = case when r.desired_hash is null then {ClaimedWrites.Unwanted} when r.desired_hash = r.attempted_hash then '{RecordState.Synced}' else '{RecordState.Pending}' end,
            last_error = case when r.desired_hash is null then r.last_error end,
            synced_payload = coalesce(r.attempted_payload, case when r.attempted_hash = r.desired_hash then r.desired_payload end, r.synced_payload),
            last_conflict = coalesce(@last_conflict, r.last_conflict),
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
        => ClaimedWrites.SettleOnContactAsync(dataSource, 
            $"""
            status = '{RecordState.Synced}', last_error = null, nexudus_id = @nexudus_id, synced_hash = r.desired_hash, attempted_hash = null,
            synced_payload = null, origin = 'found', attempts = 0, in_doubt = false, attempted_payload = null
            """,
            lease, sourceId, nexudusId, checkOwner: true, cancellationToken);

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
                nexudus_id = null, synced_hash = null, status = '{RecordState.Superseded}', claimed_by = null,
                last_error = 'Gone from the source; its contact passed to source_id ' || @source_id || ', the same person under a new key.',
                version = o.version + 1, updated_at = now()
            where o.source = @lease_source and o.source_id = @former_id and o.nexudus_id = @nexudus_id
              and o.status <> '{RecordState.InFlight}' and not o.in_doubt and o.last_run_id is distinct from @lease_run
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
                status = case when r.desired_hash = @synced_hash then '{RecordState.Synced}' else '{RecordState.Pending}' end, last_error = null,
                attempts = 0, in_doubt = false, attempted_payload = null, claimed_by = null, version = r.version + 1, updated_at = now()
            where {ClaimedWrites.Claimed}
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
                status = case when @writes then '{RecordState.Pending}' else '{RecordState.Synced}' end, last_error = @note, nexudus_id = @nexudus_id,
                synced_hash = case when @writes then null else r.desired_hash end, attempted_hash = null, synced_payload = null,
                origin = (select coalesce(min(o.origin), 'found') from sync_records o where o.nexudus_id = @nexudus_id and o.source <> r.source),
                attempts = 0, in_doubt = false, attempted_payload = null, claimed_by = null, version = r.version + 1, updated_at = now()
            where {ClaimedWrites.Claimed}
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
                    status = '{RecordState.Removed}', last_error = @reason, nexudus_id = null, synced_hash = null, synced_payload = null, origin = null,
                    attempted_hash = null, claimed_by = null, version = r.version + 1, updated_at = now()
                where {ClaimedWrites.Claimed} and r.nexudus_id = @nexudus_id
                returning r.source
            ),
            handed as (
                update sync_records o set status = '{RecordState.Pending}', synced_hash = null, version = o.version + 1, updated_at = now()
                from released
                where o.nexudus_id = @nexudus_id and o.source <> released.source and o.status = '{RecordState.Synced}'
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
