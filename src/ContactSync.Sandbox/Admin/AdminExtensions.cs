namespace ContactSync.Sandbox.Admin;

internal static class AdminExtensions
{
    public static IHostApplicationBuilder AddAdmin(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSandboxState<RequestStats>();
        return builder;
    }

    public static IApplicationBuilder UseRequestStats(this IApplicationBuilder app) => app.UseMiddleware<RequestStatsMiddleware>();
}
