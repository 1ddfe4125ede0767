using ContactSync.Sandbox.Faults;

namespace ContactSync.Sandbox;

/// <summary>The sandbox's log messages, event ids 1–999: 1 start-up, 100s throttling, 200s injected faults, 300s Sumsub webhooks.</summary>
internal static partial class SandboxLogMessages
{
    [LoggerMessage(
        EventId = 1,
        Level = LogLevel.Information,
        Message = "Nexudus sandbox listening on {Urls}: {Contracts} contracts ({FirstContractId}-{LastContractId}), {Countries} countries, {Tariffs} tariffs; limits {Limits}; faults {Faults}")]
    public static partial void Banner(
        ILogger logger, string urls, int contracts, int firstContractId, int lastContractId, int countries, int tariffs, string limits, string faults);

    [LoggerMessage(EventId = 100, Level = LogLevel.Debug, Message = "Throttled a {Method} call; it may retry in {WaitMs} ms")]
    public static partial void Throttled(ILogger logger, string method, double waitMs);

    [LoggerMessage(EventId = 200, Level = LogLevel.Debug, Message = "Injecting {Fault} into a {Method} call")]
    public static partial void Injected(ILogger logger, FaultKind fault, string method);

    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "A Sumsub webhook to {Target} failed: {Reason}")]
    public static partial void SumsubWebhookFailed(ILogger logger, Uri target, string reason);
}
