using System.Globalization;
using System.Text;

namespace ContactSync.Worker.Dashboard.Pages;

internal static class RunsPage
{
    public const int Limit = 50;

    public static async Task<IResult> RenderAsync(HttpContext context, RecentRunsQuery runs, CancellationToken cancellationToken)
    {
        var rows = await runs.ReadAsync(Limit, cancellationToken);
        var body = new StringBuilder();
        if (rows.Count == 0)
        {
            body.Append("<p>No runs yet.</p>");
            return Html.Page(context, "Recent runs", body.ToString());
        }

        body.Append("<table><thead><tr><th>Started</th><th>Source</th><th>Trigger</th><th>Outcome</th><th>Duration</th>")
            .Append("<th>Total</th><th>Created</th><th>Updated</th><th>Adopted</th><th>Linked</th><th>Unchanged</th><th>Rejected</th>")
            .Append("<th title=\"Rows rejected before they had a usable id: malformed lines, duplicate ids\">Unkeyed rejections</th>")
            .Append("<th>Failed</th><th>Error</th></tr></thead><tbody>");
        foreach (var run in rows)
        {
            body.Append("<tr title=\"Run ").Append(Html.Encode(run.Id.ToString())).Append("\">")
                .Append("<td>").Append(Html.Encode(run.StartedAt)).Append("</td>")
                .Append("<td>").Append(Html.Encode(run.Source)).Append("</td>")
                .Append("<td>").Append(Html.Encode(run.Trigger)).Append("</td>")
                .Append("<td class=\"").Append(Html.Encode(run.Status)).Append("\">").Append(Html.Encode(run.Status)).Append("</td>")
                .Append("<td class=\"n\">").Append(Html.Encode(Duration(run))).Append("</td>");
            foreach (var count in new long[] { run.Total, run.Created, run.Updated, run.Adopted, run.Linked, run.Unchanged, run.Rejected, run.UnkeyedRejections, run.Failed })
            {
                body.Append("<td class=\"n\">").Append(Html.Number(count)).Append("</td>");
            }

            body.Append("<td>").Append(Html.Encode(run.Error)).Append("</td></tr>");
        }

        body.Append("</tbody></table>");
        return Html.Page(context, "Recent runs", body.ToString());
    }

    private static string Duration(RunRow run)
        => run.FinishedAt is { } finished
            ? (finished - run.StartedAt).ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture)
            : "running";
}
