using ContactSync.Worker.Dashboard.Auth;
using ContactSync.Worker.Dashboard.Components;
using Microsoft.AspNetCore.Antiforgery;
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

    public DashboardFrame Frame(HttpContext context, string? notice = null)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        return new DashboardFrame(
            context.Request.PathBase, Actor(context), context.User.IsOperator(), tokens.FormFieldName, tokens.RequestToken ?? "", notice)
        {
            CanSignOut = context.User.Identity?.AuthenticationType == OidcPrincipal.AuthenticationType,
        };
    }

    /// <summary>Who is acting, as the audit log names them: the signed-in user's name, never what they typed to get in.</summary>
    public static string Actor(HttpContext context)
        => DashboardUser.NameOf(context.User) ?? AnonymousActor;

    public static IResult Render<TComponent>(HttpContext context, object parameters)
        where TComponent : IComponent
    {
        SecurityHeaders.Apply(context.Response.Headers, SecurityHeaders.PagesPolicy);
        return new RazorComponentResult<TComponent>(parameters);
    }
}
