namespace ContactSync.Worker.Dashboard.Auth;

/// <summary>The 403 a signed-in user without the role gets: a short page for a browser, nothing more for a script.</summary>
internal static class AccessDenied
{
    private const string Page = """
        <!doctype html><html lang="en"><head><meta charset="utf-8"><title>ContactSync – no access</title></head>
        <body style="font:14px/1.45 system-ui,sans-serif;margin:40px"><h1>No access</h1>
        <p>You are signed in, but your account does not have the role this needs. Reading the dashboards takes the
        viewer role, acting (retries, Hangfire's requeue and delete) the operator role: ask whoever manages the sign-in
        provider's roles for ContactSync.</p></body></html>
        """;

    public static Task WriteAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        context.Response.Headers.CacheControl = "no-store";
        if (!context.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase))
        {
            return Task.CompletedTask;
        }

        context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";
        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync(Page);
    }
}
