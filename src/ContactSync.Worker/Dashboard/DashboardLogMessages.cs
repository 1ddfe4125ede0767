using Microsoft.Extensions.Logging;

namespace ContactSync.Worker.Dashboard;

/// <summary>The dashboard's log messages, event ids 4000–4099: logins, sessions, keys and operators' actions.</summary>
internal static partial class DashboardLogMessages
{
    [LoggerMessage(4001, LogLevel.Warning,
        "No dashboard login is configured (Dashboard:Username, Dashboard:Users, Dashboard:Oidc): /hangfire and /contactsync let loopback requests in as operators (Dashboard:AllowAnonymousLoopback, for development only)")]
    public static partial void DashboardLoopbackOnly(ILogger logger);

    [LoggerMessage(4003, LogLevel.Warning,
        "No dashboard login is configured (Dashboard:Username, Dashboard:Users, Dashboard:Oidc): /hangfire and /contactsync let nobody in (Dashboard:AllowAnonymousLoopback=true opens them to loopback, for development)")]
    public static partial void DashboardClosed(ILogger logger);

    [LoggerMessage(4004, LogLevel.Warning, "Failed dashboard login from {ClientAddress}")]
    public static partial void LoginFailed(ILogger logger, string clientAddress);

    [LoggerMessage(4005, LogLevel.Warning, "Dashboard logins from {ClientAddress} refused (429) after {Failures} failures within a minute")]
    public static partial void LoginThrottled(ILogger logger, string clientAddress, int failures);

    [LoggerMessage(4002, LogLevel.Information, "Operator retry for {Source}: {Requeued} record(s) set back to pending, job {JobId} queued")]
    public static partial void RetryRequested(ILogger logger, string source, int requeued, string jobId);

    [LoggerMessage(4006, LogLevel.Warning,
        "Dashboard:Password holds the dashboard password in clear: for anything but a local run set Dashboard:PasswordHash instead (make one with: hash-password)")]
    public static partial void ClearPassword(ILogger logger);

    [LoggerMessage(4007, LogLevel.Warning,
        "Dashboard:KeyEncryptionKey is not set: the data-protection keys (sign-in cookies, antiforgery tokens) are stored in PostgreSQL unencrypted")]
    public static partial void KeysInClear(ILogger logger);

    [LoggerMessage(4008, LogLevel.Information, "Dashboard sign-in through the OpenID Connect provider from {ClientAddress}, role {Role}")]
    public static partial void SignedIn(ILogger logger, string clientAddress, string role);

    [LoggerMessage(4009, LogLevel.Warning, "Failed dashboard sign-in through the OpenID Connect provider from {ClientAddress}: {Reason}")]
    public static partial void SignInFailed(ILogger logger, string clientAddress, string reason);

    [LoggerMessage(4010, LogLevel.Warning,
        "{Count} data-protection key(s) stored in clear before Dashboard:KeyEncryptionKey was set were revoked: signed-in users sign in again, open forms are reloaded")]
    public static partial void ClearKeysRevoked(ILogger logger, int count);

    [LoggerMessage(4011, LogLevel.Warning,
        "A dashboard session was refused and ended: its login's role mapping or password was changed since it signed in, or its ticket no longer opens")]
    public static partial void SessionRevoked(ILogger logger);

    [LoggerMessage(4012, LogLevel.Information, "Dashboard action {Action} for {Source}: job {JobId} queued")]
    public static partial void ActionTaken(ILogger logger, string action, string source, string jobId);
}
