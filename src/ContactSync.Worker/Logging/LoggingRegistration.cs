using System.Globalization;
using Serilog;
using Serilog.Events;

namespace ContactSync.Worker.Logging;

/// <summary>
/// The host's Serilog pipeline, shared by every command. Levels and overrides come from the <c>Serilog</c>
/// configuration section; the console sink is fixed here so every environment logs in the same plain format.
/// </summary>
public static class LoggingRegistration
{
    public const string ConsoleTemplate = "[{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    /// <param name="toStandardError">For one-shot commands, whose standard output is the result.</param>
    public static IHostApplicationBuilder AddContactSyncLogging(this IHostApplicationBuilder builder, bool toStandardError = false)
    {
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext()
            .WriteTo.Console(
                outputTemplate: ConsoleTemplate,
                formatProvider: CultureInfo.InvariantCulture,
                standardErrorFromLevel: toStandardError ? LogEventLevel.Verbose : null));
        return builder;
    }

    /// <summary>One line per request: method, path (never the query string) and status; probes only at Verbose.</summary>
    public static WebApplication UseContactSyncRequestLogging(this WebApplication app)
    {
        app.UseSerilogRequestLogging(options =>
        {
            options.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms";
            options.GetLevel = static (context, _, exception) =>
                exception is not null || context.Response.StatusCode >= StatusCodes.Status500InternalServerError ? LogEventLevel.Error
                : context.Request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase) ? LogEventLevel.Verbose
                : LogEventLevel.Information;
        });
        return app;
    }
}
