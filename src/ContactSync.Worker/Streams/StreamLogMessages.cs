namespace ContactSync.Worker.Streams;

/// <summary>The register streams' log messages, event ids 5100–5199: sources by name, streams by kind, never an event's content.</summary>
internal static partial class StreamLogMessages
{
    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "This replica listens to the register's streams for source {Source}")]
    public static partial void Leading(ILogger logger, string source);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Warning, Message = "Lost the lock on the register's streams for source {Source}; another replica may take over")]
    public static partial void LeadershipLost(ILogger logger, string source);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Warning, Message = "The register stream listener for source {Source} failed ({Error}); trying again")]
    public static partial void ListenerFailed(ILogger logger, string source, string error);

    [LoggerMessage(EventId = 5104, Level = LogLevel.Warning, Message = "Register stream for source {Source}: {Reason}; reconnecting")]
    public static partial void StreamInterrupted(ILogger logger, string source, string stream, string reason);

    [LoggerMessage(EventId = 5105, Level = LogLevel.Warning, Message = "The register's {Stream} stream no longer has the events since the last timepoint; a full pass of source {Source} is queued")]
    public static partial void FullPassQueued(ILogger logger, string source, string stream);

    [LoggerMessage(EventId = 5106, Level = LogLevel.Information, Message = "Register changes for source {Source}: a run of {Companies} compan(y/ies) queued as job {JobId}")]
    public static partial void RunQueued(ILogger logger, string source, int companies, string jobId);
}
