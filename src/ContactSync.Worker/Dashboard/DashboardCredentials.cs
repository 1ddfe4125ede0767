namespace ContactSync.Worker.Dashboard;

/// <summary>The <c>Dashboard</c> section. Without credentials the dashboard answers loopback requests only.</summary>
public sealed class DashboardCredentials
{
    public const string SectionName = "Dashboard";

    public string? Username { get; set; }

    public string? Password { get; set; }

    public bool IsConfigured => !string.IsNullOrEmpty(Username) && !string.IsNullOrEmpty(Password);
}
