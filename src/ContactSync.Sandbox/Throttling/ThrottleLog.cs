namespace ContactSync.Sandbox.Throttling;

internal static partial class ThrottleLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Debug, Message = "Throttled a {Method} call; it may retry in {WaitMs} ms")]
    public static partial void Throttled(ILogger logger, string method, double waitMs);
}
