using Microsoft.Extensions.Logging;

namespace ContactSync.Core.Nexudus;

/// <summary>
/// Log messages of the Nexudus client and its budget, event ids 2100–2199. Requests are described by method and path only (ids, never query values),
/// and no message carries a body, a name or any other personal data.
/// </summary>
internal static partial class NexudusLogMessages
{
    [LoggerMessage(EventId = 2100, Level = LogLevel.Information, Message = "Nexudus issued a token by {GrantType} grant, valid for {ExpiresInSeconds} s")]
    public static partial void TokenIssued(ILogger logger, string grantType, long expiresInSeconds);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "Nexudus refused the refresh token; signing in with the password instead")]
    public static partial void TokenRefreshRefused(ILogger logger);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "Refreshing the Nexudus token failed ({Reason}); signing in with the password instead")]
    public static partial void TokenRefreshFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Warning, Message = "Nexudus refused a {GrantType} grant with {StatusCode} ({Error})")]
    public static partial void TokenGrantRefused(ILogger logger, string grantType, int statusCode, string error);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Information, Message = "Nexudus answered 401 to {Request}; renewing the token and sending once more")]
    public static partial void UnauthorizedRenewingToken(ILogger logger, string request);

    [LoggerMessage(EventId = 2110, Level = LogLevel.Warning, Message = "Nexudus throttled {Request} with {StatusCode}; pausing all calls for {Pause}")]
    public static partial void Throttled(ILogger logger, string request, int statusCode, TimeSpan pause);

    [LoggerMessage(EventId = 2120, Level = LogLevel.Information, Message = "Retrying a Nexudus {Method} (attempt {Attempt}) after {Outcome}, in {Delay}")]
    public static partial void Retrying(ILogger logger, string method, int attempt, string outcome, TimeSpan delay);

    [LoggerMessage(EventId = 2121, Level = LogLevel.Warning, Message = "Nexudus circuit opened for {BreakDuration} after {Outcome}")]
    public static partial void CircuitOpened(ILogger logger, TimeSpan breakDuration, string outcome);

    [LoggerMessage(EventId = 2122, Level = LogLevel.Information, Message = "Nexudus circuit closed")]
    public static partial void CircuitClosed(ILogger logger);

    [LoggerMessage(EventId = 2130, Level = LogLevel.Warning, Message = "Nexudus {Operation} ended {Status}: {Reason}")]
    public static partial void WriteNotConfirmed(ILogger logger, string operation, WriteStatus status, string reason);

    [LoggerMessage(EventId = 2111, Level = LogLevel.Warning,
        Message = "Nexudus throttling slowed every replica to 1/{Divisor} of the per-minute rates; each {RecoveryStep} without a 409 doubles them again")]
    public static partial void BudgetSlowed(ILogger logger, int divisor, TimeSpan recoveryStep);

    [LoggerMessage(EventId = 2112, Level = LogLevel.Warning,
        Message = "Could not share Nexudus's throttling with the other replicas ({Error}); this call still waits for Retry-After")]
    public static partial void ThrottleNotShared(ILogger logger, string error);
}
