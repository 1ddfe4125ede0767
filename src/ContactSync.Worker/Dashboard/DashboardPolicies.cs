namespace ContactSync.Worker.Dashboard;

/// <summary>
/// The two kinds of dashboard user. Viewers read every page and the JSON API; operators may also act (retry, run now,
/// confirm removals, Hangfire's requeue and delete). Every operator is a viewer. In code, ask
/// <see cref="Auth.DashboardUser.IsOperator"/>.
/// </summary>
public static class DashboardPolicies
{
    public const string Viewers = "Viewers";

    public const string Operators = "Operators";
}
