using Microsoft.Extensions.Logging;

namespace ContactSync.Worker.Database;

/// <summary>The database start-up checks' log messages, event ids 1000–1099.</summary>
internal static partial class DatabaseLogMessages
{
    [LoggerMessage(1001, LogLevel.Information, "Database ready: product migrations applied, Hangfire schema {Schema} at version {Version}")]
    public static partial void SchemaReady(ILogger logger, string schema, int version);

    [LoggerMessage(1002, LogLevel.Information,
        "Connection pools: sync {Sync}, dashboard {Dashboard}, background {Background}, Hangfire {Hangfire}: {Total} of the {Available} the server allows; each replica takes as many")]
    public static partial void ConnectionBudget(ILogger logger, int sync, int dashboard, int background, int hangfire, int total, int available);
}
