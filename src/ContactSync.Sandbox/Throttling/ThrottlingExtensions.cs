using ContactSync.Sandbox.Admin;

namespace ContactSync.Sandbox.Throttling;

internal static class ThrottlingExtensions
{
    public static IHostApplicationBuilder AddThrottling(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ThrottleOptions>()
            .BindConfiguration(ThrottleOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSandboxState<SlidingWindowThrottle>();
        builder.Services.AddSandboxState<ArrivalGaps>();
        return builder;
    }

    public static IApplicationBuilder UseThrottling(this IApplicationBuilder app) => app.UseMiddleware<ThrottlingMiddleware>();
}
