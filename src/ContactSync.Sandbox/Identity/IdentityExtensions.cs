using Microsoft.Extensions.Options;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace ContactSync.Sandbox.Identity;

/// <summary>
/// A small OpenID Connect provider (OpenIddict, without a database) for the dashboards' sign-in in tests and the demo:
/// the code flow with PKCE, one client from <see cref="IdentityOptions"/>, ephemeral keys, plain http on loopback.
/// </summary>
internal static class IdentityExtensions
{
    public const string AuthorizePath = "/connect/authorize";

    public static IHostApplicationBuilder AddIdentityProvider(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<IdentityOptions>().BindConfiguration(IdentityOptions.SectionName);
        var settings = builder.Configuration.GetSection(IdentityOptions.SectionName).Get<IdentityOptions>() ?? new IdentityOptions();
        if (!settings.Enabled)
        {
            return builder;
        }

        builder.Services.AddOpenIddict().AddServer(server =>
        {
            server.SetAuthorizationEndpointUris(AuthorizePath[1..])
                .SetTokenEndpointUris("connect/token")
                .AllowAuthorizationCodeFlow()
                .RequireProofKeyForCodeExchange()
                .RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Roles)
                .AddEphemeralEncryptionKey()
                .AddEphemeralSigningKey()
                .DisableAccessTokenEncryption()
                .EnableDegradedMode();

            // Without a database OpenIddict knows no client: these check the one configured.
            var client = settings;
            var redirectUris = settings.RedirectUriSet;
            server.AddEventHandler<OpenIddictServerEvents.ValidateAuthorizationRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (!string.Equals(context.ClientId, client.ClientId, StringComparison.Ordinal))
                {
                    context.Reject(Errors.InvalidClient, "The client_id is not the Sandbox's client.");
                }
                else if (context.RedirectUri is null || !redirectUris.Contains(context.RedirectUri))
                {
                    context.Reject(Errors.InvalidRequest, "The redirect_uri is not one the client registered (--oidc-redirect-uri).");
                }

                return default;
            }));
            server.AddEventHandler<OpenIddictServerEvents.ValidateTokenRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (!string.Equals(context.ClientId, client.ClientId, StringComparison.Ordinal)
                    || (!string.IsNullOrEmpty(client.ClientSecret) && !string.Equals(context.ClientSecret, client.ClientSecret, StringComparison.Ordinal)))
                {
                    context.Reject(Errors.InvalidClient, "The client credentials are not the Sandbox client's.");
                }

                return default;
            }));

            server.UseAspNetCore()
                .EnableAuthorizationEndpointPassthrough()
                .DisableTransportSecurityRequirement();
        });

        // OpenIddict logs each request it handles; the banner is what a run of the Sandbox should show.
        builder.Logging.AddFilter("OpenIddict", LogLevel.Warning);
        return builder;
    }

    /// <summary>OpenIddict answers its endpoints (discovery, keys, token) from the authentication middleware.</summary>
    public static WebApplication UseIdentityProvider(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<IdentityOptions>>().Value.Enabled)
        {
            app.UseAuthentication();
        }

        return app;
    }

    public static WebApplication MapIdentityProvider(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<IdentityOptions>>().Value.Enabled)
        {
            app.MapMethods(AuthorizePath, [HttpMethods.Get, HttpMethods.Post], (Delegate)AuthorizeEndpoint.HandleAsync);
        }

        return app;
    }
}
