using System.Net;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace ContactSync.Worker.Dashboard.Auth;

/// <summary>
/// The dashboards' default scheme, which decides per request how the caller signs in. A request with Basic credentials
/// is judged by them alone (scripts, the JSON API); otherwise the OpenID Connect sign-in cookie, when a provider is
/// configured; otherwise, with the development switch and no login configured, a loopback request is an operator.
/// An unauthenticated browser page is sent to the provider; the JSON API, Hangfire's background calls and everything
/// when no provider is configured answer 401 instead, with a Basic challenge when Basic logins exist.
/// </summary>
internal sealed class DashboardSchemeHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IOptions<DashboardCredentials> credentials,
    BasicUsers basicUsers)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    private static readonly PathString ApiPath = new("/contactsync/api");

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var settings = credentials.Value;
        if (HasBasicCredentials)
        {
            return Relay(await Context.AuthenticateAsync(DashboardSchemes.Basic));
        }

        if (settings.HasOidc)
        {
            return Relay(await Context.AuthenticateAsync(DashboardSchemes.Cookie));
        }

        if (!settings.IsConfigured && settings.AllowAnonymousLoopback && IsDirectLoopback(Context))
        {
            var loopback = DashboardUser.Create(DashboardUser.LoopbackName, DashboardRole.Operator, "Loopback");
            return AuthenticateResult.Success(new AuthenticationTicket(loopback, Scheme.Name));
        }

        return AuthenticateResult.NoResult();
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (HasBasicCredentials)
        {
            // Basic answers 401, or 429 while the client is throttled.
            await Context.ChallengeAsync(DashboardSchemes.Basic);
            return;
        }

        if (credentials.Value.HasOidc && IsPageNavigation(Request))
        {
            properties.RedirectUri = Request.PathBase + Request.Path + Request.QueryString;
            await Context.ChallengeAsync(DashboardSchemes.Oidc, properties);
            return;
        }

        if (basicUsers.Any)
        {
            await Context.ChallengeAsync(DashboardSchemes.Basic);
            return;
        }

        Response.StatusCode = StatusCodes.Status401Unauthorized;
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => AccessDenied.WriteAsync(Context);

    private bool HasBasicCredentials
        => Request.Headers.Authorization.ToString().StartsWith(DashboardSchemes.Basic + " ", StringComparison.OrdinalIgnoreCase);

    private static AuthenticateResult Relay(AuthenticateResult result)
        => result.Succeeded ? AuthenticateResult.Success(result.Ticket)
            : result.Failure is { } failure ? AuthenticateResult.Fail(failure)
            : AuthenticateResult.NoResult();

    // A page a person opened, not a script: only those may be sent away to sign in.
    private static bool IsPageNavigation(HttpRequest request)
        => (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && !request.Path.StartsWithSegments(ApiPath, StringComparison.OrdinalIgnoreCase)
            && !string.Equals(request.Headers.XRequestedWith, "XMLHttpRequest", StringComparison.OrdinalIgnoreCase)
            && !request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase);

    /// <summary>From the pod itself, and not relayed by a proxy that says so (a forwarded request is remote).</summary>
    internal static bool IsDirectLoopback(HttpContext context)
        => context.Connection.RemoteIpAddress is { } remote
            && IPAddress.IsLoopback(remote)
            && !context.Request.Headers.ContainsKey("X-Forwarded-For")
            && !context.Request.Headers.ContainsKey("X-Original-For");
}
