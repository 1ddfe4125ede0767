using Npgsql;
using Xunit;

namespace ContactSync.Testing;

/// <summary>
/// One PostgreSQL server for the "postgres" test collection: the one named by
/// <c>CONTACTSYNC_TEST_POSTGRES</c>, else a throwaway cluster started from the local server binaries.
/// Each test takes its own database with <see cref="CreateDatabaseAsync"/>.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    public const string EnvironmentVariable = "CONTACTSYNC_TEST_POSTGRES";

    private readonly List<string> _createdDatabases = [];
    private LocalPostgresCluster? _cluster;

    /// <summary>The maintenance database.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>False when the server came from <c>CONTACTSYNC_TEST_POSTGRES</c>; then it cannot be restarted.</summary>
    public bool IsThrowawayCluster => _cluster is not null;

    public async Task InitializeAsync()
    {
        var given = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(given))
        {
            ConnectionString = given;
            await using var connection = new NpgsqlConnection(given);
            await connection.OpenAsync();
            return;
        }

        var binaries = PostgresBinaries.Find() ?? throw new InvalidOperationException(
            "These tests need PostgreSQL and none was found. Either set " + EnvironmentVariable +
            " to the connection string of a server where the role may create databases " +
            "(e.g. Host=localhost;Username=postgres;Password=...), or install the PostgreSQL server binaries " +
            "(initdb, pg_ctl, postgres; e.g. apt-get install postgresql) so the tests can start a throwaway cluster.");
        _cluster = await LocalPostgresCluster.StartAsync(binaries, CancellationToken.None);
        ConnectionString = _cluster.ConnectionString;
    }

    /// <summary>Creates a new, empty, uniquely named database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string? prefix = null, CancellationToken cancellationToken = default)
    {
        var name = DatabaseName.Unique(prefix);
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var create = new NpgsqlCommand($"""CREATE DATABASE "{name}" """, connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        lock (_createdDatabases)
        {
            _createdDatabases.Add(name);
        }

        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Stops the server cleanly and starts it again on the same port and data; pooled connections in this process are dropped.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        var cluster = _cluster ?? throw new InvalidOperationException(
            "RestartAsync needs the throwaway cluster; it cannot restart the server named by " + EnvironmentVariable + ".");
        await cluster.RestartAsync(cancellationToken);
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>Takes the server down at once (a crash, not a clean stop) for <paramref name="outage"/>, then starts it again.</summary>
    public async Task OutageAsync(TimeSpan outage, CancellationToken cancellationToken = default)
    {
        var cluster = _cluster ?? throw new InvalidOperationException(
            "OutageAsync needs the throwaway cluster; it cannot stop the server named by " + EnvironmentVariable + ".");
        await cluster.OutageAsync(outage, cancellationToken);
        NpgsqlConnection.ClearAllPools();
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
            return;
        }

        // A shared server outlives us: leave it as we found it.
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        foreach (var name in _createdDatabases)
        {
            await using var drop = new NpgsqlCommand($"""DROP DATABASE IF EXISTS "{name}" WITH (FORCE)""", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
