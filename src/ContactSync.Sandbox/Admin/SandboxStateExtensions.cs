namespace ContactSync.Sandbox.Admin;

internal static class SandboxStateExtensions
{
    /// <summary>Registers a singleton that the reset endpoint also reaches through <see cref="ISandboxState"/>.</summary>
    public static IServiceCollection AddSandboxState<T>(this IServiceCollection services)
        where T : class, ISandboxState
    {
        services.AddSingleton<T>();
        services.AddSingleton<ISandboxState>(provider => provider.GetRequiredService<T>());
        return services;
    }
}
