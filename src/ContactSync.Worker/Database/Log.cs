using Microsoft.Extensions.Logging;

namespace ContactSync.Worker.Database;

internal static partial class Log
{
    [LoggerMessage(1001, LogLevel.Information, "Database ready: product migrations applied, Hangfire schema {Schema} at version {Version}")]
    public static partial void SchemaReady(ILogger logger, string schema, int version);
}
