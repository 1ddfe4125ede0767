using ContactSync.Core.Ledger;
using ContactSync.Core.Nexudus;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace ContactSync.Worker.Dashboard.Pages;

/// <summary>The ledger's side of an operator's retry (<see cref="RetryRecords"/>).</summary>
internal sealed class RecordRequeue(NpgsqlDataSource dataSource, IOptions<NexudusOptions> nexudus)
{
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
                status = '{RecordState.Pending}', claimed_by = null, attempts = 0,
                attempted_hash = case when r.in_doubt then r.attempted_hash end,
                version = r.version + 1, updated_at = now()
            where r.source = @source and (@source_id::text is null or r.source_id = @source_id)
              and (r.status in ('{RecordState.Failed}', '{RecordState.Rejected}')
                   or (r.status = '{RecordState.InFlight}'
                       and coalesce(r.in_flight_until, r.in_flight_since + @lease, '-infinity') < now()
                       and not exists (select 1 from source_leases l where l.source = r.source and l.run_id = r.claimed_by and l.expires_at > now())))
            """);
        command.Parameters.AddWithValue("source", source);
        command.Parameters.Add(new NpgsqlParameter("source_id", NpgsqlDbType.Text) { Value = (object?)sourceId ?? DBNull.Value });
        command.Parameters.AddWithValue("lease", ClaimWindow.For(nexudus.Value, ClaimKind.Update));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
