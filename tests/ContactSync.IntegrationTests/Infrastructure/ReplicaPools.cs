using ContactSync.Core.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace ContactSync.IntegrationTests.Infrastructure;

/// <summary>
/// A freshly migrated database and any number of pools onto it, one per "replica", as separate processes would have
/// them; disposing closes every pool handed out.
/// </summary>
internal sealed class ReplicaPools : IAsyncDisposable
{
    private readonly List<NpgsqlDataSource> _dataSources = [];

    private ReplicaPools(string connectionString) => ConnectionString = connectionString;

    public string ConnectionString { get; }

    public static async Task<ReplicaPools> CreateAsync(PostgresServer postgres, string name)
    {
        var pools = new ReplicaPools(await postgres.CreateDatabaseAsync(name));
        await using var dataSource = NpgsqlDataSource.Create(pools.ConnectionString);
        await new DatabaseMigrator(dataSource, TimeProvider.System, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(CancellationToken.None);
        return pools;
    }

    public NpgsqlDataSource NewDataSource()
    {
        var dataSource = NpgsqlDataSource.Create(ConnectionString);
        _dataSources.Add(dataSource);
        return dataSource;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var dataSource in _dataSources)
        {
            await dataSource.DisposeAsync();
        }
    }
}
