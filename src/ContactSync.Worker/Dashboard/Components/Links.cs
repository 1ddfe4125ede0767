using System.Globalization;

namespace ContactSync.Worker.Dashboard.Components;

/// <summary>Every page's address in one place. Values go into paths and query strings escaped; none is personal data.</summary>
public static class Links
{
    public static string Runs(string root, string? source = null, string? outcome = null, string? from = null, string? to = null, string? after = null)
        => root + "/contactsync/" + Query(("source", source), ("outcome", outcome), ("from", from), ("to", to), ("after", after));

    public static string Run(string root, Guid id) => root + "/contactsync/runs/" + id.ToString("D", CultureInfo.InvariantCulture);

    public static string Records(string root, string? source = null, string? status = null, string? q = null, Guid? run = null, string? after = null)
        => root + "/contactsync/records" + Query(("source", source), ("status", status), ("q", q), ("run", run?.ToString("D", CultureInfo.InvariantCulture)), ("after", after));

    /// <summary>A record's page. Keys may hold slashes (a CRM key is contact/company/role): each segment is escaped, the slashes kept.</summary>
    public static string Record(string root, string source, string sourceId)
        => root + "/contactsync/records/" + Uri.EscapeDataString(source) + "/" + string.Join('/', sourceId.Split('/').Select(Uri.EscapeDataString));

    public static string Attention(string root) => root + "/contactsync/attention";

    public static string Audit(string root, string? before = null) => root + "/contactsync/audit" + Query(("before", before));

    public static string Plan(string root, Guid id) => root + "/contactsync/plans/" + id.ToString("D", CultureInfo.InvariantCulture);

    public static string Action(string root, string name) => root + "/contactsync/actions/" + name;

    public static string HangfireJob(string root, string jobId) => root + "/hangfire/jobs/details/" + Uri.EscapeDataString(jobId);

    public static string Hangfire(string root) => root + "/hangfire";

    private static string Query(params (string Name, string? Value)[] parameters)
    {
        var present = parameters.Where(parameter => !string.IsNullOrEmpty(parameter.Value))
            .Select(parameter => parameter.Name + "=" + Uri.EscapeDataString(parameter.Value!)).ToList();
        return present.Count == 0 ? "" : "?" + string.Join('&', present);
    }
}
