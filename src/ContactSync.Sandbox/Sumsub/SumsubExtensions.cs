using ContactSync.Sandbox.Admin;

namespace ContactSync.Sandbox.Sumsub;

internal static class SumsubExtensions
{
    public static IHostApplicationBuilder AddSumsub(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SumsubOptions>()
            .BindConfiguration(SumsubOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSandboxState<SumsubSettings>();
        builder.Services.AddSandboxState<SumsubStore>();
        builder.Services.AddSandboxState<SumsubLimits>();
        builder.Services.AddSandboxState<SumsubCalls>();
        builder.Services.AddSandboxState<SumsubWebhookSender>();
        // Each attempt has its own timeout; the client's own would cut the longest configurable one short.
        builder.Services.AddHttpClient(SumsubWebhookSender.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        return builder;
    }

    public static IApplicationBuilder UseSumsubGate(this IApplicationBuilder app) => app.UseMiddleware<SumsubGate>();
}
