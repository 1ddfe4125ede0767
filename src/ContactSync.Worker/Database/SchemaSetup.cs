using ContactSync.Core.Postgres;
using ContactSync.Worker.Hangfire;
using Hangfire.PostgreSql;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ContactSync.Worker.Database;

/// <summary>
/// Brings the database to what this build expects: the product's numbered migrations (the worker's own tables among
/// them), then Hangfire's schema. Safe when every replica runs it at once: Hangfire's installer takes no lock of its own and races on
/// serializable transactions, so it runs here under an advisory lock with automatic preparation turned off.
/// </summary>
internal sealed class SchemaSetup(NpgsqlDataSource dataSource, DatabaseMigrator migrator, ConnectionBudgetCheck connections, ILogger<SchemaSetup> logger)
{
    private const string HangfireVersionSql = $"""select max(version) from "{HangfireSettings.SchemaName}"."schema" """;

    public async Task ApplyAsync(CancellationToken cancellationToken)
    {
        await connections.CheckAsync(cancellationToken);
        await migrator.MigrateAsync(cancellationToken);

        await using var held = await HeldAdvisoryLock.AcquireAsync(dataSource, AdvisoryLockKeys.SchemaSetup, cancellationToken);
        PostgreSqlObjectsInstaller.Install(held.Connection, HangfireSettings.SchemaName);
        var version = await ReadHangfireSchemaVersionAsync(held.Connection, cancellationToken);
        DatabaseLogMessages.SchemaReady(logger, HangfireSettings.SchemaName, version);
    }

    // The installer logs and swallows a failing script, so check that the schema is really there.
    private static async Task<int> ReadHangfireSchemaVersionAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = new NpgsqlCommand(HangfireVersionSql, connection);
            return await command.ExecuteScalarAsync(cancellationToken) is int version
                ? version
                : throw new InvalidOperationException($"Hangfire's schema '{HangfireSettings.SchemaName}' has no version row.");
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            throw new InvalidOperationException(
                $"Hangfire's schema '{HangfireSettings.SchemaName}' was not installed; the installer's error is in the log above.", ex);
        }
    }
}
