using ContactSync.Core.Budget;
using ContactSync.Core.Nexudus;
using ContactSync.Core.State;
using ContactSync.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ContactSync.IntegrationTests.Nexudus;

/// <summary>
/// A migrated database and any number of "replicas" of the shared budget, each with its own
/// <see cref="NpgsqlDataSource"/> (its own pool), as separate processes would have.
/// </summary>
internal sealed class BudgetDatabase : IAsyncDisposable
{
    private readonly List<NpgsqlDataSource> _dataSources = [];

    private BudgetDatabase(string connectionString)
    {
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public static async Task<BudgetDatabase> CreateAsync(PostgresServer postgres)
    {
        var database = new BudgetDatabase(await postgres.CreateDatabaseAsync("budget"));
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await new DatabaseMigrator(dataSource, TimeProvider.System, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(CancellationToken.None);
        return database;
    }

    public NpgsqlDataSource NewDataSource()
    {
        var dataSource = NpgsqlDataSource.Create(ConnectionString);
        _dataSources.Add(dataSource);
        return dataSource;
    }

    /// <summary>A gate for the same Nexudus client as every other replica of this database, with its own pool.</summary>
    public PostgresNexudusBudget Replica(Action<NexudusOptions>? configure = null)
        => Replica(NewDataSource(), configure);

    public static PostgresNexudusBudget Replica(NpgsqlDataSource dataSource, Action<NexudusOptions>? configure = null)
    {
        var options = new NexudusOptions
        {
            BaseUrl = "https://nexudus.test",
            Username = "operator@example.test",
            Password = "unused",
            MinCallInterval = TimeSpan.Zero,
        };
        configure?.Invoke(options);
        return new PostgresNexudusBudget(dataSource, Options.Create(options), TimeProvider.System, NullLogger<PostgresNexudusBudget>.Instance);
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<List<DateTimeOffset>> SentAtAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select sent_at from nexudus_budget_calls order by sent_at", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var times = new List<DateTimeOffset>();
        while (await reader.ReadAsync())
        {
            times.Add(reader.GetFieldValue<DateTimeOffset>(0));
        }

        return times;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var dataSource in _dataSources)
        {
            await dataSource.DisposeAsync();
        }
    }
}
