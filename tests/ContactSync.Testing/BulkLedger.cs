using Npgsql;

namespace ContactSync.Testing;

/// <summary>
/// A large ledger of a source no worker runs (<c>bulk</c>), in several states, for what reads the ledger under load:
/// the lists read its records as any other source's.
/// </summary>
public static class BulkLedger
{
    public const string Source = "bulk";

    public static async Task SeedAsync(NpgsqlDataSource dataSource, int count, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var command = dataSource.CreateCommand(
            """
            insert into sync_records (source, source_id, line_number, coworker_contract_id, contact_type, desired_payload, desired_hash,
                                      status, last_error, created_at, updated_at, nexudus_id)
            select 'bulk', 'key-' || lpad(i::text, 7, '0'), i, 5000 + i / 20, 1, jsonb_build_object('FullName', 'Person ' || i), md5(i::text),
                   (array['synced', 'synced', 'synced', 'pending', 'failed', 'rejected'])[1 + i % 6],
                   case when i % 6 in (4, 5) then 'a reason' end, now(), now(), case when i % 6 < 3 then 900000 + i end
            from generate_series(1, @count) as i;
            analyze sync_records;
            """);
        command.Parameters.AddWithValue("count", count);
        command.CommandTimeout = 600;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
