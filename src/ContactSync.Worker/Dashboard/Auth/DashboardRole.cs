namespace ContactSync.Worker.Dashboard.Auth;

/// <summary>Viewers read every page, the JSON API and Hangfire (read-only); operators may also act. Every operator is a viewer.</summary>
public enum DashboardRole
{
    Viewer,
    Operator,
}
