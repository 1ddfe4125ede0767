using System.Reflection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ContactSync.Core.Postgres;

/// <summary>
/// Applies the embedded <c>Postgres/Migrations/NNNN_name.sql</c> scripts in order, each once, each in its own
/// transaction. A session advisory lock serialises replicas that start together: the second waits, then finds
/// nothing left to do.
/// </summary>
public sealed class DatabaseMigrator(NpgsqlDataSource dataSource, TimeProvider time, ILogger<DatabaseMigrator> logger)
{
    internal const long MigrationLockKey = 0x436F6E7453796E63; // "ContSync"

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await AdvisoryLock.AcquireAsync(connection, MigrationLockKey, cancellationToken);
        try
        {
            await EnsureHistoryTableAsync(connection, cancellationToken);
            var applied = await AppliedVersionsAsync(connection, cancellationToken);
            foreach (var migration in Migration.Embedded().Where(m => !applied.Contains(m.Version)))
            {
                await ApplyAsync(connection, migration, cancellationToken);
                PostgresLogMessages.MigrationApplied(logger, migration.Version, migration.Name);
            }
        }
        finally
        {
            await AdvisoryLock.ReleaseAsync(connection, MigrationLockKey, CancellationToken.None);
        }
    }

    private static async Task EnsureHistoryTableAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            create table if not exists schema_migrations (
                version    int primary key,
                name       text not null,
                applied_at timestamptz not null
            )
            """, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<HashSet<int>> AppliedVersionsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("select version from schema_migrations", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var versions = new HashSet<int>();
        while (await reader.ReadAsync(cancellationToken))
        {
            versions.Add(reader.GetInt32(0));
        }

        return versions;
    }

    private async Task ApplyAsync(NpgsqlConnection connection, Migration migration, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var script = new NpgsqlCommand(migration.Sql, connection, transaction))
        {
            await script.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var record = new NpgsqlCommand(
            "insert into schema_migrations (version, name, applied_at) values (@version, @name, @now)", connection, transaction))
        {
            record.Parameters.AddWithValue("version", migration.Version);
            record.Parameters.AddWithValue("name", migration.Name);
            record.Parameters.AddWithValue("now", time.GetUtcNow());
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private sealed record Migration(int Version, string Name, string Sql)
    {
        public static IEnumerable<Migration> Embedded()
        {
            var assembly = typeof(Migration).Assembly;
            const string prefix = "ContactSync.Core.Postgres.Migrations.";
            var migrations = assembly.GetManifestResourceNames()
                .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
                .Select(n => Load(assembly, n, n[prefix.Length..^".sql".Length]))
                .OrderBy(m => m.Version)
                .ToList();

            // Two branches that each add "the next" migration must not both land as the same version: one of them
            // would never run on a database that already has the other.
            for (var i = 0; i < migrations.Count; i++)
            {
                if (migrations[i].Version != i + 1)
                {
                    throw new InvalidOperationException(
                        $"Migrations must be numbered 1, 2, 3, ... without gaps or repeats; found {string.Join(", ", migrations.Select(m => $"{m.Version:D4}_{m.Name}"))}.");
                }
            }

            return migrations;
        }

        private static Migration Load(Assembly assembly, string resource, string fileName)
        {
            var separator = fileName.IndexOf('_', StringComparison.Ordinal);
            var version = int.Parse(fileName[..separator], System.Globalization.CultureInfo.InvariantCulture);
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            return new Migration(version, fileName[(separator + 1)..], reader.ReadToEnd());
        }
    }
}
