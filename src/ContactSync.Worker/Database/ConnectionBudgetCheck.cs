using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ContactSync.Worker.Database;

/// <summary>
/// At start: the worker's pools together fit in what the server allows. A worker whose pools could take more than the
/// server's <c>max_connections</c> (less the connections kept for superusers) would meet "too many clients" under load,
/// where it hurts most; it refuses to start instead, naming the settings.
/// </summary>
internal sealed class ConnectionBudgetCheck(NpgsqlDataSource dataSource, IOptions<DatabasePoolOptions> pools, ILogger<ConnectionBudgetCheck> logger)
{
    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "select current_setting('max_connections')::int - current_setting('superuser_reserved_connections')::int");
        var available = (int)(await command.ExecuteScalarAsync(cancellationToken))!;
        var sizes = pools.Value;
        DatabaseLogMessages.ConnectionBudget(logger, sizes.SyncPoolSize, sizes.DashboardPoolSize, sizes.BackgroundPoolSize, sizes.HangfirePoolSize, sizes.Total, available);
        if (sizes.Total > available)
        {
            // A configuration error like any other: one line naming the keys, and the exit code for configuration.
            throw new OptionsValidationException(nameof(DatabasePoolOptions), typeof(DatabasePoolOptions), [string.Create(CultureInfo.InvariantCulture,
                $"Database:SyncPoolSize, DashboardPoolSize, BackgroundPoolSize and HangfirePoolSize (Database__*PoolSize) add up to {sizes.Total} connections, " +
                $"more than the {available} the server allows (max_connections less superuser_reserved_connections): lower them, or raise max_connections")]);
        }
    }
}
