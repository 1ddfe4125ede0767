namespace ContactSync.Worker.Dashboard.Auth;

/// <summary>One of <c>Dashboard:Users</c>: a Basic login with its role.</summary>
public sealed class DashboardUserEntry
{
    public string? Name { get; set; }

    public string? PasswordHash { get; set; }

    public DashboardRole Role { get; set; } = DashboardRole.Viewer;
}
