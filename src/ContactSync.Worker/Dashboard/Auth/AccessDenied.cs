using System.Net;
using Microsoft.AspNetCore.Antiforgery;

namespace ContactSync.Worker.Dashboard.Auth;

/// <summary>
/// The 403 a signed-in user without the role gets: a short page for a browser (with a way to sign in as someone else
/// when the session is a cookie), nothing more for a script.
/// </summary>
internal static class AccessDenied
{
    private const string Head = """
        <!doctype html><html lang="en"><head><meta charset="utf-8"><title>ContactSync – no access</title></head>
        <body style="font:14px/1.45 system-ui,sans-serif;margin:40px"><h1>No access</h1>
        <p>You are signed in, but your account does not have the role this needs. Reading the dashboards takes the
        viewer role, acting (retries, Hangfire's requeue and delete) the operator role: ask whoever manages the sign-in
        provider's roles for ContactSync.</p>
        """;

    public static async Task WriteAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        SecurityHeaders.Apply(context.Response.Headers, SecurityHeaders.PagesPolicy);
        if (!context.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var signOut = "";
        if (context.User.Identity?.AuthenticationType == OidcPrincipal.AuthenticationType)
        {
            var tokens = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
            signOut = "<form method=\"post\" action=\"" + WebUtility.HtmlEncode(context.Request.PathBase + DashboardAuthentication.SignOutPath) + "\">"
                + "<input type=\"hidden\" name=\"" + WebUtility.HtmlEncode(tokens.FormFieldName) + "\" value=\"" + WebUtility.HtmlEncode(tokens.RequestToken) + "\">"
                + "<button type=\"submit\">Sign out</button></form>";
        }

        context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'";
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(Head + signOut + "</body></html>");
    }
}
