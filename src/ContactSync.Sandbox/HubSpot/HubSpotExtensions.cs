using ContactSync.Sandbox.Admin;

namespace ContactSync.Sandbox.HubSpot;

internal static class HubSpotExtensions
{
    public static IHostApplicationBuilder AddHubSpot(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<HubSpotOptions>()
            .BindConfiguration(HubSpotOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSandboxState<HubSpotStore>();
        builder.Services.AddSandboxState<HubSpotLimits>();
        builder.Services.AddSandboxState<HubSpotCalls>();
        return builder;
    }

    public static IApplicationBuilder UseHubSpotGate(this IApplicationBuilder app) => app.UseMiddleware<HubSpotGate>();
}
