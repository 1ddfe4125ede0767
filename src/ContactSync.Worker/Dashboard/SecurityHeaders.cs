namespace ContactSync.Worker.Dashboard;

/// <summary>
/// The headers every dashboard answer carries: never sniffed, framed or cached, nothing said of where it was opened
/// from, and a content security policy — the product's pages' strict one, or Hangfire's looser one.
/// </summary>
internal static class SecurityHeaders
{
    /// <summary>The product's pages: no script at all, inline styles only, forms that post only back here.</summary>
    public const string PagesPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>Hangfire's pages run their own inline scripts; they still may not be framed or post elsewhere.</summary>
    public const string HangfirePolicy = "frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'";

    public static void Apply(IHeaderDictionary headers, string contentSecurityPolicy)
    {
        headers.ContentSecurityPolicy = contentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-store";
    }
}
