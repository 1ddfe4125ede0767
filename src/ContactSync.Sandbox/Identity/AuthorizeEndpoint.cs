using System.Net;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace ContactSync.Sandbox.Identity;

/// <summary>
/// <c>/connect/authorize</c>, after OpenIddict has checked the request: a plain HTML login form that posts the request
/// back with the account's credentials, and on a right pair the sign-in that issues the authorization code. The
/// provider keeps no session of its own, so every sign-in shows the form.
/// </summary>
internal static class AuthorizeEndpoint
{
    private const string UsernameField = "username";
    private const string PasswordField = "password";

    public static async Task<IResult> HandleAsync(HttpContext context)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect authorization request.");
        string? error = null;
        if (HttpMethods.IsPost(context.Request.Method) && context.Request.HasFormContentType)
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            if (SandboxAccounts.SignIn(form[UsernameField], form[PasswordField]) is { } account)
            {
                return Results.SignIn(PrincipalFor(account, request), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            }

            error = "The user name or password is incorrect.";
        }

        return LoginForm(context, request, error);
    }

    private static ClaimsPrincipal PrincipalFor(SandboxAccount account, OpenIddictRequest request)
    {
        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, account.Username)
            .SetClaim(Claims.Name, account.DisplayName)
            .SetClaim(Claims.PreferredUsername, account.Username);
        foreach (var role in account.Roles)
        {
            identity.AddClaim(new Claim(Claims.Role, role));
        }

        var principal = new ClaimsPrincipal(identity);
        principal.SetScopes(request.GetScopes());
        principal.SetDestinations(claim => claim.Type switch
        {
            Claims.Name or Claims.PreferredUsername when principal.HasScope(Scopes.Profile) => [Destinations.AccessToken, Destinations.IdentityToken],
            Claims.Role when principal.HasScope(Scopes.Roles) => [Destinations.AccessToken, Destinations.IdentityToken],
            _ => [Destinations.AccessToken],
        });
        return principal;
    }

    private static IResult LoginForm(HttpContext context, OpenIddictRequest request, string? error)
    {
        var html = new StringBuilder()
            .Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Sandbox sign-in</title></head>")
            .Append("<body style=\"font:14px/1.45 system-ui,sans-serif;margin:40px\"><h1>Sandbox sign-in</h1>");
        if (error is not null)
        {
            html.Append("<p class=\"error\">").Append(WebUtility.HtmlEncode(error)).Append("</p>");
        }

        html.Append("<form method=\"post\" action=\"").Append(WebUtility.HtmlEncode(context.Request.PathBase + context.Request.Path)).Append("\">");
        foreach (var (name, value) in request.GetParameters())
        {
            if (name is UsernameField or PasswordField)
            {
                continue;
            }

            html.Append("<input type=\"hidden\" name=\"").Append(WebUtility.HtmlEncode(name))
                .Append("\" value=\"").Append(WebUtility.HtmlEncode((string?)value)).Append("\">");
        }

        html.Append("<p><label>User name <input name=\"").Append(UsernameField).Append("\" autocomplete=\"username\"></label></p>")
            .Append("<p><label>Password <input type=\"password\" name=\"").Append(PasswordField).Append("\" autocomplete=\"current-password\"></label></p>")
            .Append("<p><button type=\"submit\">Sign in</button></p></form></body></html>");

        context.Response.Headers.CacheControl = "no-store";
        return Results.Content(html.ToString(), "text/html; charset=utf-8", statusCode: error is null ? StatusCodes.Status200OK : StatusCodes.Status401Unauthorized);
    }
}
