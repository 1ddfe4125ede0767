using ContactSync.Core.Ledger;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace ContactSync.Core.DryRun;

/// <summary>The ledger as a dry run reads it: every record of a source, read only.</summary>
public sealed class LedgerReader(NpgsqlDataSource dataSource)
{
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
}
