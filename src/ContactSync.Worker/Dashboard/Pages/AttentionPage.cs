using System.Text;
using Microsoft.AspNetCore.Antiforgery;

namespace ContactSync.Worker.Dashboard.Pages;

internal static class AttentionPage
{
    public const int PerSource = 200;

    public static async Task<IResult> RenderAsync(
        HttpContext context,
        AttentionQuery query,
        IAntiforgery antiforgery,
        string? requeued,
        string? source,
        CancellationToken cancellationToken)
    {
        var sources = await query.ReadAsync(PerSource, cancellationToken);
        var tokens = antiforgery.GetAndStoreTokens(context);
        var action = context.Request.PathBase + "/contactsync/retry";
        var body = new StringBuilder();

        if (requeued is not null && source is not null)
        {
            body.Append("<p class=\"notice\">").Append(Html.Encode(requeued)).Append(" record(s) of ")
                .Append(Html.Encode(source)).Append(" set back to pending; a run has been queued.</p>");
        }

        if (sources.Count == 0)
        {
            body.Append("<p>Nothing needs attention: every record is in step.</p>");
            return Html.Page(context, "Needs attention", body.ToString());
        }

        foreach (var group in sources)
        {
            body.Append("<h2>").Append(Html.Encode(group.Source)).Append("</h2><p>")
                .Append(Html.Number(group.Failed)).Append(" failed, ").Append(Html.Number(group.InFlight)).Append(" in flight, ")
                .Append(Html.Number(group.Pending)).Append(" waiting, ").Append(Html.Number(group.Rejected)).Append(" rejected, ")
                .Append(Html.Number(group.Conflicts)).Append(" in conflict, ").Append(Html.Number(group.Unkeyed))
                .Append(" rows without a usable key in the latest run (fix them in the source; the API lists them: status=unkeyed). ");
            AppendRetryForm(body, action, tokens, group.Source, sourceId: null, "Retry all failed, rejected and stranded in flight");
            body.Append("</p>");
            if (group.Total - group.Unkeyed > group.Latest.Count)
            {
                body.Append("<p>Showing the latest ").Append(Html.Number(group.Latest.Count)).Append(".</p>");
            }

            body.Append("<table><thead><tr><th>Source id</th><th>Line</th><th>Status</th><th>Attempts</th><th>Reason</th><th>Updated</th><th></th></tr></thead><tbody>");
            foreach (var row in group.Latest)
            {
                body.Append("<tr><td>").Append(Html.Encode(row.SourceId)).Append("</td>")
                    .Append("<td class=\"n\">").Append(row.LineNumber is { } line ? Html.Number(line) : "").Append("</td>")
                    .Append("<td class=\"").Append(Html.Encode(row.Status)).Append("\">").Append(Html.Encode(row.Status)).Append("</td>")
                    .Append("<td class=\"n\">").Append(Html.Number(row.Attempts)).Append("</td>")
                    .Append("<td>").Append(Html.Encode(row.Reason)).Append("</td>")
                    .Append("<td>").Append(Html.Encode(row.UpdatedAt)).Append("</td><td>");
                AppendRetryForm(body, action, tokens, group.Source, row.SourceId, "Retry");
                body.Append("</td></tr>");
            }

            body.Append("</tbody></table>");
        }

        return Html.Page(context, "Needs attention", body.ToString());
    }

    private static void AppendRetryForm(StringBuilder body, string action, AntiforgeryTokenSet tokens, string source, string? sourceId, string label)
    {
        body.Append("<form method=\"post\" action=\"").Append(Html.Encode(action)).Append("\">")
            .Append("<input type=\"hidden\" name=\"").Append(Html.Encode(tokens.FormFieldName))
            .Append("\" value=\"").Append(Html.Encode(tokens.RequestToken)).Append("\">")
            .Append("<input type=\"hidden\" name=\"source\" value=\"").Append(Html.Encode(source)).Append("\">");
        if (sourceId is not null)
        {
            body.Append("<input type=\"hidden\" name=\"sourceId\" value=\"").Append(Html.Encode(sourceId)).Append("\">");
        }

        body.Append("<button type=\"submit\">").Append(Html.Encode(label)).Append("</button></form>");
    }
}
