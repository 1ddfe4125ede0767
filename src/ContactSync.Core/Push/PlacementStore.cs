using ContactSync.Core.Ledger;
using ContactSync.Core.Nexudus;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace ContactSync.Core.Push;

/// <summary>
/// What placing a record reads of the ledger: the source's other records on its contract and type, other sources'
/// records there, who else holds a contact, which contacts records own already, and how much matching a run has to do.
/// </summary>
public sealed class PlacementStore(NpgsqlDataSource dataSource, IOptions<NexudusOptions> nexudus)
{
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

    /// <summary>Other sources' records on this contract with this type, with what they hold or are doing.</summary>
    public async Task<IReadOnlyList<SharedRecord>> OtherSourcesOnContractAsync(
        string source, int contractId, short contactType, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            select source, source_id, coalesce(desired_payload, synced_payload)::text, nexudus_id, origin, in_doubt,
                   -- Under way: within its call's window, or claimed (a look-up, which sets no window) by a run that still holds its source.
                   status = '{RecordState.InFlight}' and (coalesce(in_flight_until, in_flight_since + @lease, '-infinity') >= now()
                       or exists (select 1 from source_leases l where l.source = r.source and l.run_id = r.claimed_by and l.expires_at > now())),
                   synced_payload::text
            from sync_records r
            where source <> @source and coworker_contract_id = @contract and contact_type = @type
              and coalesce(desired_payload, synced_payload) is not null and status not in ('{RecordState.Removed}', '{RecordState.Superseded}')
            order by source, source_id
            """);
        command.Parameters.AddWithValue("source", source);
        command.Parameters.AddWithValue("contract", contractId);
        command.Parameters.AddWithValue("type", contactType);
        command.Parameters.AddWithValue("lease", ClaimWindow.For(nexudus.Value, ClaimKind.Update));
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

    /// <summary>
    /// How much matching the run has to do: the contracts its records without a contact are on, and how many contacts
    /// the source holds already (a floor for how many pages the account's contacts take).
    /// </summary>
    public async Task<(int ContractsToMatch, int HeldContacts)> MatchingWorkAsync(string source, Guid runId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            select
                (select count(distinct coworker_contract_id)::int from sync_records
                 where source = @source and last_run_id = @run and nexudus_id is null and desired_payload is not null
                   and status in ('{RecordState.Pending}', '{RecordState.Failed}', '{RecordState.InFlight}')),
                (select count(*)::int from sync_records where source = @source and nexudus_id is not null)
            """);
        command.Parameters.AddWithValue("source", source);
        command.Parameters.AddWithValue("run", runId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt32(0), reader.GetInt32(1));
    }
}
