using ContactSync.Sandbox.Admin;

namespace ContactSync.Sandbox.Register;

internal static class RegisterExtensions
{
    public static IHostApplicationBuilder AddRegister(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RegisterOptions>()
            .BindConfiguration(RegisterOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSandboxState<RegisterStore>();
        return builder;
    }

    public static IApplicationBuilder UseRegisterGate(this IApplicationBuilder app) => app.UseMiddleware<RegisterGate>();
}
