using System.Globalization;
using System.Net;
using System.Text;

namespace ContactSync.Worker.Dashboard.Pages;

/// <summary>The pages' shared frame. Every value that came from the database goes through <see cref="Encode(string?)"/>.</summary>
internal static class Html
{
    private const string Style = """
        body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#222}
        header{background:#2d3e50;color:#fff;padding:10px 20px;display:flex;gap:24px;align-items:center}
        header a{color:#cfe3f7;text-decoration:none}main{padding:16px 20px}
        table{border-collapse:collapse;width:100%;margin:8px 0 24px}th,td{border-bottom:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}
        th{background:#f4f6f8}td.n{text-align:right;font-variant-numeric:tabular-nums}
        .succeeded{color:#1e7e34}.completed_with_errors,.rejected{color:#b36b00}.aborted,.failed,.lock_lost{color:#b00020}.running,.skipped{color:#555}.budget_exhausted{color:#1c4f9c}
        .notice{background:#eef7ee;border:1px solid #b7dfb7;padding:6px 10px}form{display:inline;margin:0}button{cursor:pointer}
        """;

    public static string Encode(string? value) => WebUtility.HtmlEncode(value ?? "");

    public static string Encode(DateTimeOffset? value)
        => value is { } time ? Encode(time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)) : "";

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static IResult Page(HttpContext context, string title, string body)
    {
        var root = context.Request.PathBase;
        var html = new StringBuilder()
            .Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>ContactSync – ").Append(Encode(title))
            .Append("</title><style>").Append(Style).Append("</style></head><body><header><strong>ContactSync</strong>")
            .Append("<a href=\"").Append(Encode(root + "/contactsync")).Append("\">Recent runs</a>")
            .Append("<a href=\"").Append(Encode(root + "/contactsync/attention")).Append("\">Needs attention</a>")
            .Append("<a href=\"").Append(Encode(root + "/hangfire")).Append("\">Hangfire</a></header><main><h1>")
            .Append(Encode(title)).Append("</h1>").Append(body).Append("</main></body></html>")
            .ToString();

        // No script, no third-party anything; forms post only back here.
        context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers.CacheControl = "no-store";
        return Results.Content(html, "text/html; charset=utf-8");
    }
}
