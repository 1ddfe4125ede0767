using ContactSync.Worker.Dashboard.Components;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContactSync.Worker.Dashboard.Pages;

/// <summary>
/// Renders a page component for a request: who is looking and whether they may act, the antiforgery token for its
/// forms, and the strict headers every page carries (no script at all, forms post only back here, never framed).
/// </summary>
internal sealed class PageResults(IAntiforgery antiforgery, IAuthorizationService authorization)
{
    public const string AnonymousActor = "anonymous (loopback)";

    public async Task<DashboardFrame> FrameAsync(HttpContext context, string? notice = null)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        return new DashboardFrame(
            context.Request.PathBase, Actor(context), await IsOperatorAsync(context), tokens.FormFieldName, tokens.RequestToken ?? "", notice);
    }

    public async Task<bool> IsOperatorAsync(HttpContext context)
        => (await authorization.AuthorizeAsync(context.User, context, DashboardPolicies.Operators)).Succeeded;

    /// <summary>Who is acting, as the audit log names them: the signed-in user's name, never what they typed to get in.</summary>
    public static string Actor(HttpContext context)
        => context.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : AnonymousActor;

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
