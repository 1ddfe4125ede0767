namespace ContactSync.Sandbox.Faults;

internal static partial class FaultLog
{
    [LoggerMessage(EventId = 200, Level = LogLevel.Debug, Message = "Injecting {Fault} into a {Method} call")]
    public static partial void Injected(ILogger logger, FaultKind fault, string method);
}
