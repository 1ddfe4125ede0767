using ContactSync.Core.Nexudus;
using ContactSync.Core.Nexudus.Budget;
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
    private readonly ReplicaPools _pools;

    private BudgetDatabase(ReplicaPools pools) => _pools = pools;

    public string ConnectionString => _pools.ConnectionString;

    public static async Task<BudgetDatabase> CreateAsync(PostgresServer postgres) => new(await ReplicaPools.CreateAsync(postgres, "budget"));

    public NpgsqlDataSource NewDataSource() => _pools.NewDataSource();

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

    public ValueTask DisposeAsync() => _pools.DisposeAsync();
}
