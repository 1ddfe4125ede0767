namespace ContactSync.Sandbox.Seeds;

internal static class SeedsExtensions
{
    public static IHostApplicationBuilder AddSeeds(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SeedOptions>()
            .BindConfiguration(SeedOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<SeedData>();
        return builder;
    }
}
