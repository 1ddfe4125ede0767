using ContactSync.Sandbox.Admin;

namespace ContactSync.Sandbox.Auth;

internal static class AuthExtensions
{
    public static IHostApplicationBuilder AddAuth(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuthOptions>()
            .BindConfiguration(AuthOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSandboxState<TokenStore>();
        builder.Services.AddSandboxState<Credentials>();
        return builder;
    }

    public static IApplicationBuilder UseBearerAuth(this IApplicationBuilder app) => app.UseMiddleware<BearerAuthMiddleware>();
}
