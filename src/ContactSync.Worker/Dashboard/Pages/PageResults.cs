using ContactSync.Worker.Dashboard.Components;
using Microsoft.AspNetCore.Antiforgery;
using ContactSync.Worker.Dashboard.Auth;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContactSync.Worker.Dashboard.Pages;

/// <summary>
/// Renders a page component for a request: who is looking and whether they may act, the antiforgery token for its
/// forms, and the strict headers every page carries (no script at all, forms post only back here, never framed).
/// </summary>
internal sealed class PageResults(IAntiforgery antiforgery)
{
    public const string AnonymousActor = "anonymous";

    public Task<DashboardFrame> FrameAsync(HttpContext context, string? notice = null)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        return Task.FromResult(new DashboardFrame(
            context.Request.PathBase, Actor(context), context.User.IsOperator(), tokens.FormFieldName, tokens.RequestToken ?? "", notice)
        {
            CanSignOut = context.User.Identity?.AuthenticationType == OidcPrincipal.AuthenticationType,
        });
    }

    /// <summary>Who is acting, as the audit log names them: the signed-in user's name, never what they typed to get in.</summary>
    public static string Actor(HttpContext context)
        => DashboardUser.NameOf(context.User) ?? AnonymousActor;

    public static IResult Render<TComponent>(HttpContext context, object parameters)
        where TComponent : IComponent
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-store";
        return new RazorComponentResult<TComponent>(parameters);
    }
}
