using System.Text.Json.Serialization;
using ContactSync.Sandbox.Api;

namespace ContactSync.Sandbox.Hosting;

internal static class HostingExtensions
{
    /// <summary>Switches, wire format, clock and quiet request logging shared by every feature.</summary>
    public static IHostApplicationBuilder AddSandboxHosting(this IHostApplicationBuilder builder, string[] args)
    {
        // Added last, so a short switch wins over the same key set any other way.
        builder.Configuration.AddCommandLine(args, SwitchMappings.All.ToDictionary());

        builder.Services.ConfigureHttpJsonOptions(options =>
        {
            // Nexudus bodies are PascalCase both ways; reading stays case-insensitive, as Nexudus's is.
            options.SerializerOptions.PropertyNamingPolicy = null;
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
        });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddOptions<PagingOptions>().BindConfiguration(PagingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        // Request logs would carry paths and timings only, but at volume they drown the banner; keep them off.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        return builder;
    }

    /// <summary>An unhandled exception answers like Nexudus's generic 500 rather than with an empty body.</summary>
    public static IApplicationBuilder UseNexudusErrors(this IApplicationBuilder app) =>
        app.UseExceptionHandler(failed => failed.Run(context => ApiResults.ServerError().ExecuteAsync(context)));
}
