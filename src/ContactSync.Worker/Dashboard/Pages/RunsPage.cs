using System.Globalization;
using System.Text;
using ContactSync.Core.State;

namespace ContactSync.Worker.Dashboard.Pages;

/// <summary>Runs, newest first, 50 a page, filterable by source and outcome (<c>?source=&amp;outcome=&amp;after=</c>).</summary>
internal static class RunsPage
{
    public const int Limit = 50;

    public static async Task<IResult> RenderAsync(
        HttpContext context, RunBrowser runs, string? source, string? outcome, string? after, CancellationToken cancellationToken)
    {
        source = string.IsNullOrWhiteSpace(source) ? null : source;
        outcome = string.IsNullOrWhiteSpace(outcome) || !RunBrowser.Outcomes.Contains(outcome) ? null : outcome;
        ResultPage<RunItem> page;
        try
        {
            page = await runs.ReadAsync(new RunQuery(source, outcome, null, null, string.IsNullOrEmpty(after) ? null : after, Limit), cancellationToken);
        }
        catch (ArgumentException)
        {
            return Results.BadRequest();
        }

        var body = new StringBuilder();
        body.Append("<p>").Append(Html.Number(page.Total)).Append(" run(s)")
            .Append(source is null ? "" : " of " + Html.Encode(source)).Append(outcome is null ? "" : ", " + Html.Encode(outcome)).Append(". ");
        foreach (var filter in new[] { "succeeded", "completed_with_errors", "aborted", "budget_exhausted", "held" })
        {
            body.Append("<a href=\"").Append(Html.Encode(Link(context, source, filter, null))).Append("\">").Append(Html.Encode(filter)).Append("</a> ");
        }

        body.Append("<a href=\"").Append(Html.Encode(Link(context, source, null, null))).Append("\">all</a></p>");
        if (page.Items.Count == 0)
        {
            body.Append("<p>No runs yet.</p>");
            return Html.Page(context, "Recent runs", body.ToString());
        }

        body.Append("<table><thead><tr><th>Started</th><th>Source</th><th>Trigger</th><th>Outcome</th><th>Duration</th>")
            .Append("<th>Total</th><th>Created</th><th>Updated</th><th>Adopted</th><th>Linked</th><th>Unchanged</th><th>Rejected</th>")
            .Append("<th title=\"Rows rejected before they had a usable id: malformed lines, duplicate ids\">Unkeyed rejections</th>")
            .Append("<th>Failed</th><th>Error</th></tr></thead><tbody>");
        foreach (var run in page.Items)
        {
            body.Append("<tr title=\"Run ").Append(Html.Encode(run.Id.ToString())).Append("\">")
                .Append("<td>").Append(Html.Encode(run.StartedAt)).Append("</td>")
                .Append("<td><a href=\"").Append(Html.Encode(Link(context, run.Source, outcome, null))).Append("\">").Append(Html.Encode(run.Source)).Append("</a></td>")
                .Append("<td>").Append(Html.Encode(run.Trigger)).Append("</td>")
                .Append("<td class=\"").Append(Html.Encode(run.Outcome)).Append("\">").Append(Html.Encode(run.Outcome)).Append("</td>")
                .Append("<td class=\"n\">").Append(Html.Encode(Duration(run))).Append("</td>");
            foreach (var count in new long[] { run.Total, run.Created, run.Updated, run.Adopted, run.Linked, run.Unchanged, run.Rejected, run.Unkeyed, run.Failed })
            {
                body.Append("<td class=\"n\">").Append(Html.Number(count)).Append("</td>");
            }

            body.Append("<td>").Append(Html.Encode(run.Error)).Append("</td></tr>");
        }

        body.Append("</tbody></table>");
        if (page.Next is { } next)
        {
            body.Append("<p><a href=\"").Append(Html.Encode(Link(context, source, outcome, next))).Append("\">Older runs</a></p>");
        }

        return Html.Page(context, "Recent runs", body.ToString());
    }

    private static string Link(HttpContext context, string? source, string? outcome, string? after)
    {
        var query = new List<string>();
        if (source is not null)
        {
            query.Add("source=" + Uri.EscapeDataString(source));
        }

        if (outcome is not null)
        {
            query.Add("outcome=" + Uri.EscapeDataString(outcome));
        }

        if (after is not null)
        {
            query.Add("after=" + Uri.EscapeDataString(after));
        }

        return context.Request.PathBase + "/contactsync/" + (query.Count == 0 ? "" : "?" + string.Join('&', query));
    }

    private static string Duration(RunItem run)
        => run.FinishedAt is { } finished
            ? (finished - run.StartedAt).ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture)
            : "running";
}
