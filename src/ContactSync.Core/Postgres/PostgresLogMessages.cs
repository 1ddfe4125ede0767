using Microsoft.Extensions.Logging;

namespace ContactSync.Core.Postgres;

/// <summary>The product schema's log messages, event ids 1100–1199.</summary>
internal static partial class PostgresLogMessages
{
    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Applied migration {Version} ({Name})")]
    public static partial void MigrationApplied(ILogger logger, int version, string name);
}
