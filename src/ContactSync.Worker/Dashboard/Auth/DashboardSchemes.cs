namespace ContactSync.Worker.Dashboard.Auth;

/// <summary>The authentication schemes of the dashboards. <see cref="Dashboard"/> is the default and picks among the others.</summary>
public static class DashboardSchemes
{
    public const string Dashboard = "ContactSync";

    public const string Basic = BasicAuthenticationHandler.SchemeName;

    public const string Cookie = "ContactSync.Cookie";

    public const string Oidc = "ContactSync.Oidc";
}
