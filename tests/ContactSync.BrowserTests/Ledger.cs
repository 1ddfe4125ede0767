using Npgsql;

namespace ContactSync.BrowserTests;

/// <summary>What the database says, read with the test's own SQL, to hold the pages' figures against.</summary>
internal sealed class Ledger(string connectionString) : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);

    /// <summary>The source's records by status.</summary>
    public async Task<IReadOnlyDictionary<string, string>> RecordsAsync()
    {
        await using var command = _dataSource.CreateCommand("select source_id, status from sync_records where source = @source");
        command.Parameters.AddWithValue("source", DashboardSource.Name);
        var records = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            records[reader.GetString(0)] = reader.GetString(1);
        }

        return records;
    }

    public async Task<long> CountAsync(string status) => (await RecordsAsync()).Values.Count(value => value == status);

    /// <summary>Lines of the source's latest run rejected before they had a key.</summary>
    public async Task<long> UnkeyedInLatestRunAsync()
    {
        await using var command = _dataSource.CreateCommand(
            """
            select count(*) from sync_rejections
            where run_id = (select id from sync_runs where source = @source order by started_at desc limit 1)
            """);
        command.Parameters.AddWithValue("source", DashboardSource.Name);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The source's runs, newest first.</summary>
    public async Task<IReadOnlyList<LedgerRun>> RunsAsync()
    {
        await using var command = _dataSource.CreateCommand(
            """
            select id, trigger, status, finished_at is not null, total, created, updated, rejected, failed,
                   (select count(*) from sync_rejections j where j.run_id = r.id)
            from sync_runs r where source = @source order by started_at desc
            """);
        command.Parameters.AddWithValue("source", DashboardSource.Name);
        var runs = new List<LedgerRun>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            runs.Add(new LedgerRun(
                reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetBoolean(3),
                reader.GetInt32(4), reader.GetInt32(5), reader.GetInt32(6), reader.GetInt32(7), reader.GetInt32(8), reader.GetInt64(9)));
        }

        return runs;
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}

internal sealed record LedgerRun(
    Guid Id, string Trigger, string Status, bool Finished, int Total, int Created, int Updated, int Rejected, int Failed, long Unkeyed);
