namespace ContactSync.Core.Alerts;

/// <summary>Links into the dashboard (<see cref="AlertOptions.DashboardUrl"/>): a run, a source's records in one state, what needs attention.</summary>
public sealed class AlertLinks(string dashboardUrl)
{
    private readonly string _base = dashboardUrl.TrimEnd('/') + "/contactsync";

    public string Run(Guid runId) => $"{_base}/runs/{runId:D}";

    public string Records(string source, string status) => $"{_base}/records?source={Uri.EscapeDataString(source)}&status={Uri.EscapeDataString(status)}";

    public string Attention() => $"{_base}/attention";
}
