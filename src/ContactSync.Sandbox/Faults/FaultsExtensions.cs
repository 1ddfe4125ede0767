using ContactSync.Sandbox.Admin;

namespace ContactSync.Sandbox.Faults;

internal static class FaultsExtensions
{
    public static IHostApplicationBuilder AddFaults(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<FaultOptions>()
            .BindConfiguration(FaultOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSandboxState<FaultPlanner>();
        return builder;
    }

    public static IApplicationBuilder UseFaultInjection(this IApplicationBuilder app) => app.UseMiddleware<FaultInjectionMiddleware>();
}
