using Npgsql;

namespace ContactSync.Benchmarks.Processes;

internal static class Databases
{
    /// <summary>A fresh, empty database on the benchmark's server; returns its connection string.</summary>
    public static async Task<string> CreateAsync(string serverConnectionString, string name, CancellationToken cancellationToken)
    {
        await using (var dataSource = NpgsqlDataSource.Create(serverConnectionString))
        {
            // Identifiers cannot be parameters; the names are the benchmark's own constants.
            await using var drop = dataSource.CreateCommand($"drop database if exists {name} with (force)");
            await drop.ExecuteNonQueryAsync(cancellationToken);
            await using var create = dataSource.CreateCommand($"create database {name}");
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        return new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = name }.ConnectionString;
    }
}
