using System.Net;
using ContactSync.Core.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace ContactSync.Worker.Dashboard.Auth;

/// <summary>
/// Who may use the dashboards: Basic logins (from the secret, passwords as hashes), an OpenID Connect provider, or
/// both; two roles, viewer and operator, behind the <see cref="DashboardPolicies"/>; the data-protection keys sealed
/// under <c>Dashboard:KeyEncryptionKey</c>.
/// </summary>
public static class DashboardAuthentication
{
    public const string SignOutPath = "/contactsync/signout";

    private const string SignedOutPath = "/contactsync/signed-out";

    /// <summary>How long an OpenID Connect sign-in lasts; then the provider is asked again (and roles are read anew).</summary>
    private static readonly TimeSpan SignInLifetime = TimeSpan.FromHours(8);

    public static IHostApplicationBuilder AddContactSyncAuthentication(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<BasicUsers>();
        var authentication = builder.Services.AddAuthentication(DashboardSchemes.Dashboard)
            .AddScheme<AuthenticationSchemeOptions, DashboardSchemeHandler>(DashboardSchemes.Dashboard, configureOptions: null)
            .AddScheme<AuthenticationSchemeOptions, BasicAuthenticationHandler>(DashboardSchemes.Basic, configureOptions: null);

        // The provider's handler answers its callback path on every request, so it exists only when configured.
        var authority = builder.Configuration[$"{DashboardCredentials.SectionName}:{nameof(DashboardCredentials.Oidc)}:{nameof(OidcSettings.Authority)}"];
        if (!string.IsNullOrWhiteSpace(authority))
        {
            authentication.AddCookie(DashboardSchemes.Cookie).AddOpenIdConnect(DashboardSchemes.Oidc, configureOptions: _ => { });
            builder.Services.AddSingleton<SessionFingerprint>();
            builder.Services.AddSingleton<DashboardSessionStore>();

            // The cookie names a session kept in PostgreSQL, so a sign-out or a changed login ends it on every replica.
            builder.Services.AddOptions<CookieAuthenticationOptions>(DashboardSchemes.Cookie)
                .Configure<DashboardSessionStore>((cookie, sessions) =>
                {
                    ConfigureCookie(cookie);
                    cookie.SessionStore = sessions;
                });
            builder.Services.AddOptions<OpenIdConnectOptions>(DashboardSchemes.Oidc)
                .Configure<IOptions<DashboardCredentials>>((oidc, credentials) => ConfigureOidc(oidc, credentials.Value.Oidc));
        }

        builder.Services.AddSingleton<IAuthorizationHandler, DashboardRoleHandler>();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(DashboardPolicies.Viewers, policy => policy.AddRequirements(new DashboardRoleRequirement(DashboardRole.Viewer)))
            .AddPolicy(DashboardPolicies.Operators, policy => policy.AddRequirements(new DashboardRoleRequirement(DashboardRole.Operator)));

        builder.Services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(services => new ConfigureOptions<KeyManagementOptions>(keys =>
        {
            if (SealedXml.TryReadKey(services.GetRequiredService<IOptions<DashboardCredentials>>().Value.KeyEncryptionKey, out var key))
            {
                keys.XmlEncryptor = new KeyRingEncryptor(new SealedXml(key));
            }
        }));
        builder.Services.Configure<AntiforgeryOptions>(antiforgery =>
        {
            antiforgery.Cookie.Name = "contactsync-antiforgery";
            antiforgery.Cookie.HttpOnly = true;
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;

            // Hangfire's pages run under their own path base; one cookie for the whole site, or a token taken from a
            // Hangfire page would not validate on /contactsync (and two cookies of one name would fight).
            antiforgery.Cookie.Path = "/";
        });
        return builder;
    }

    /// <summary>Authentication and authorization in the pipeline, the start-up warnings, and the sign-out endpoint.</summary>
    public static WebApplication UseContactSyncAuthentication(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<IOptions<DashboardCredentials>>().Value;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DashboardAuthentication));
        if (!string.IsNullOrEmpty(settings.Password))
        {
            DashboardLogMessages.ClearPassword(logger);
        }

        if (settings.IsConfigured && string.IsNullOrEmpty(settings.KeyEncryptionKey))
        {
            DashboardLogMessages.KeysInClear(logger);
        }

        app.UseAuthentication();
        app.UseAuthorization();

        // Anyone signed in may sign out, someone without a role (on the 403 page) included.
        app.MapPost(SignOutPath, SignOutAsync).RequireAuthorization(policy => policy.RequireAuthenticatedUser());
        app.MapGet(SignedOutPath, static () => Results.Content(
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>ContactSync – signed out</title></head>" +
            "<body style=\"font:14px/1.45 system-ui,sans-serif;margin:40px\"><h1>Signed out</h1><p><a href=\"./\">Sign in again</a></p></body></html>",
            "text/html; charset=utf-8"));
        return app;
    }

    // A form posts here with the antiforgery token. Signing out deletes the session behind the cookie, so a copy of the
    // cookie opens nothing afterwards. Basic logins cannot be signed out (the browser keeps sending them).
    private static async Task<IResult> SignOutAsync(HttpContext context, IAntiforgery antiforgery, IOptions<DashboardCredentials> credentials)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return Results.BadRequest();
        }

        var target = context.Request.PathBase + SignedOutPath;
        if (!credentials.Value.HasOidc)
        {
            return Results.Redirect(target);
        }

        await context.SignOutAsync(DashboardSchemes.Cookie);
        var oidc = context.RequestServices.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(DashboardSchemes.Oidc);
        var provider = oidc.ConfigurationManager is { } manager ? await manager.GetConfigurationAsync(context.RequestAborted) : null;
        if (!string.IsNullOrEmpty(provider?.EndSessionEndpoint))
        {
            // Also end the provider's session, or the next visit signs straight back in.
            return Results.SignOut(new AuthenticationProperties { RedirectUri = target }, [DashboardSchemes.Oidc]);
        }

        return Results.Redirect(target);
    }

    private static void ConfigureCookie(CookieAuthenticationOptions cookie)
    {
        cookie.Cookie.Name = "contactsync";
        cookie.Cookie.HttpOnly = true;
        cookie.Cookie.SameSite = SameSiteMode.Lax;
        cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        cookie.Cookie.Path = "/";
        cookie.CookieManager = new HostPrefixCookieManager();
        cookie.ExpireTimeSpan = SignInLifetime;
        cookie.SlidingExpiration = false;

        // The dashboard's own scheme challenges and forbids; these are never reached, but must not redirect to a login page.
        cookie.Events.OnRedirectToAccessDenied = context => AccessDenied.WriteAsync(context.HttpContext);
        cookie.Events.OnRedirectToLogin = context =>
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Task.CompletedTask;
        };
    }

    private static void ConfigureOidc(OpenIdConnectOptions oidc, OidcSettings settings)
    {
        oidc.Authority = settings.Authority;
        oidc.ClientId = settings.ClientId;
        oidc.ClientSecret = string.IsNullOrEmpty(settings.ClientSecret) ? null : settings.ClientSecret;
        oidc.RequireHttpsMetadata = !IsLoopbackUrl(settings.Authority);
        oidc.ResponseType = OpenIdConnectResponseType.Code;
        oidc.UsePkce = true;

        // The answer comes back as a top-level GET, so the correlation cookies can stay SameSite=Lax (a form_post from
        // the provider's site would need SameSite=None, which browsers refuse without TLS).
        oidc.ResponseMode = OpenIdConnectResponseMode.Query;
        oidc.CallbackPath = settings.CallbackPath;
        oidc.SignedOutCallbackPath = "/contactsync/signout-callback-oidc";
        oidc.SignedOutRedirectUri = SignedOutPath;
        oidc.SignInScheme = DashboardSchemes.Cookie;
        oidc.Scope.Clear();
        foreach (var scope in settings.ScopeList.Prepend("openid").Distinct(StringComparer.Ordinal))
        {
            oidc.Scope.Add(scope);
        }

        oidc.MapInboundClaims = false;
        oidc.SaveTokens = false;
        oidc.GetClaimsFromUserInfoEndpoint = settings.GetClaimsFromUserInfo;
        oidc.ClaimActions.MapJsonKey(settings.RoleClaim, settings.RoleClaim);
        oidc.ClaimActions.MapUniqueJsonKey("preferred_username", "preferred_username");
        oidc.TokenValidationParameters.NameClaimType = "name";
        oidc.TokenValidationParameters.RoleClaimType = settings.RoleClaim;
        foreach (var cookie in new[] { oidc.CorrelationCookie, oidc.NonceCookie })
        {
            cookie.SameSite = SameSiteMode.Lax;
            cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.HttpOnly = true;
        }

        // After the ID token and the user-info answer: keep only the name and the mapped role.
        oidc.Events.OnTicketReceived = context =>
        {
            context.Principal = OidcPrincipal.From(context.Principal!, settings);
            var logger = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DashboardAuthentication));
            var role = context.Principal.IsOperator() ? DashboardUser.OperatorRole : context.Principal.IsViewer() ? DashboardUser.ViewerRole : "none";
            DashboardLogMessages.SignedIn(logger, context.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown", role);
            return Task.CompletedTask;
        };
        oidc.Events.OnRemoteFailure = async context =>
        {
            var logger = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DashboardAuthentication));
            DashboardLogMessages.SignInFailed(logger, context.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown", context.Failure?.Message ?? "unknown");
            context.HandleResponse();
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.Headers.CacheControl = "no-store";
            await context.Response.WriteAsync(
                "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>ContactSync – sign-in failed</title></head>" +
                "<body style=\"font:14px/1.45 system-ui,sans-serif;margin:40px\"><h1>Sign-in failed</h1>" +
                "<p>The sign-in provider's answer could not be used (it may have taken too long). <a href=\"" +
                WebUtility.HtmlEncode(context.Request.PathBase + "/contactsync") + "\">Try again</a></p></body></html>");
        };
    }

    internal static bool IsLoopbackUrl(string? url)
        => Uri.TryCreate(url, UriKind.Absolute, out var uri)
            && (uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address)));
}
