using ContactSync.Core.Ledger;
using ContactSync.Core.Nexudus;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace ContactSync.Core.Mirror;

/// <summary>Mirror's half of the ledger: the contacts a source holds (what the removal share is of) and the records it would remove.</summary>
public sealed class MirrorStore(NpgsqlDataSource dataSource, TimeProvider time, IOptions<NexudusOptions> nexudus)
{
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
            $"""
            select source_id, coworker_contract_id, desired_payload::text, desired_hash, nexudus_id, status, attempts, version
            from sync_records
            where source = @source and last_run_id is distinct from @run and nexudus_id is not null
              and (status in ('{RecordState.Synced}', '{RecordState.Pending}', '{RecordState.Failed}', '{RecordState.Conflict}', '{RecordState.Unverified}')
                   -- A removal or update left in flight by a run that is gone: DELETE is idempotent, so it is sent again.
                   or (status = '{RecordState.InFlight}' and coalesce(in_flight_until, in_flight_since + @in_flight_lease, '-infinity') < now()))
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
        command.Parameters.AddWithValue("in_flight_lease", ClaimWindow.For(nexudus.Value, ClaimKind.Update));
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
}
