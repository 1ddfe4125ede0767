using ContactSync.Worker.Dashboard.Auth;

namespace ContactSync.Worker.Dashboard;

/// <summary>
/// The <c>Dashboard</c> section: who may sign in (Basic users, an OpenID Connect provider, or both) and how the
/// data-protection keys are kept. Without any login the dashboards let nobody in, unless
/// <see cref="AllowAnonymousLoopback"/> opens them to requests from the pod itself (a development switch).
/// </summary>
public sealed class DashboardCredentials
{
    public const string SectionName = "Dashboard";

    /// <summary>The Basic login of one operator, with <see cref="PasswordHash"/> (or, locally, <see cref="Password"/>).</summary>
    public string? Username { get; set; }

    /// <summary><c>pbkdf2-sha256$iterations$salt$hash</c>, as <c>hash-password</c> prints it.</summary>
    public string? PasswordHash { get; set; }

    /// <summary>A password in clear, for local runs and tests only: the worker warns at start. Never with <see cref="PasswordHash"/>.</summary>
    public string? Password { get; set; }

    /// <summary>More Basic logins, each with its role (<c>Dashboard:Users:N:Name|PasswordHash|Role</c>).</summary>
    public List<DashboardUserEntry> Users { get; set; } = [];

    public OidcSettings Oidc { get; set; } = new();

    /// <summary>
    /// Base64 of 32 random bytes: the data-protection keys in PostgreSQL (they protect the sign-in cookies and the
    /// antiforgery tokens) are stored encrypted under it. Required with OpenID Connect or a hashed Basic login.
    /// </summary>
    public string? KeyEncryptionKey { get; set; }

    /// <summary>
    /// Development only: with no login configured, requests from loopback (a local run, <c>kubectl port-forward</c>) get
    /// in as operators. Off by default: inside a pod, a sidecar or anything that forwards to loopback would get in too.
    /// </summary>
    public bool AllowAnonymousLoopback { get; set; }

    /// <summary>Failed logins a client may make in a minute before it is answered 429 until the minute is over.</summary>
    public int FailedLoginsPerMinute { get; set; } = 5;

    public bool HasBasic => !string.IsNullOrEmpty(Username) || Users.Count > 0;

    public bool HasOidc => !string.IsNullOrWhiteSpace(Oidc.Authority);

    /// <summary>Some login is configured: nobody gets in anonymously, loopback or not.</summary>
    public bool IsConfigured => HasBasic || HasOidc;

    /// <summary>Only the clear-text password for local use needs no key-encryption key.</summary>
    public bool RequiresKeyEncryptionKey => HasOidc || !string.IsNullOrEmpty(PasswordHash) || Users.Count > 0;
}
