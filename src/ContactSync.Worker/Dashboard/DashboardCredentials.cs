namespace ContactSync.Worker.Dashboard;

/// <summary>
/// The <c>Dashboard</c> section. Without credentials the dashboards let nobody in, unless
/// <see cref="AllowAnonymousLoopback"/> opens them to requests from the pod itself (a development switch).
/// </summary>
public sealed class DashboardCredentials
{
    public const string SectionName = "Dashboard";

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>
    /// Development only: with no credentials, requests from loopback (a local run, <c>kubectl port-forward</c>) get in
    /// as operators. Off by default: inside a pod, a sidecar or anything that forwards to loopback would get in too.
    /// </summary>
    public bool AllowAnonymousLoopback { get; set; }

    /// <summary>Failed logins a client may make in a minute before it is answered 429 until the minute is over.</summary>
    public int FailedLoginsPerMinute { get; set; } = 5;

    public bool IsConfigured => !string.IsNullOrEmpty(Username) && !string.IsNullOrEmpty(Password);
}
