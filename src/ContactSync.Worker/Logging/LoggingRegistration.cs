using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Serilog;
using Serilog.Events;

namespace ContactSync.Worker.Logging;

/// <summary>
/// The host's Serilog pipeline, shared by every command. Levels and overrides come from the <c>Serilog</c>
/// configuration section; the console sink is fixed here: readable text, or compact JSON (one event a line, for a log
/// collector) with <c>Logging__Format=json</c>, the container's default. Neither carries personal data: messages
/// name sources, keys, counts and reasons only. Neither carries a raw control character from a property: the text
/// formatter escapes them (<see cref="EscapingTextFormatter"/>), the JSON one as JSON escapes (<see cref="EscapingJsonFormatter"/>).
/// </summary>
public static class LoggingRegistration
{
    // No {Exception}: EscapingTextFormatter writes it, line by line, after the event.
    public const string ConsoleTemplate = "[{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}";

    /// <param name="toStandardError">For one-shot commands, whose standard output is the result.</param>
    public static IHostApplicationBuilder AddContactSyncLogging(this IHostApplicationBuilder builder, bool toStandardError = false)
    {
        builder.Services.AddOptions<LogFormatOptions>().BindConfiguration(LogFormatOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        var json = string.Equals(builder.Configuration[$"{LogFormatOptions.SectionName}:{nameof(LogFormatOptions.Format)}"], "json", StringComparison.OrdinalIgnoreCase);
        var standardError = toStandardError ? LogEventLevel.Verbose : (LogEventLevel?)null;
        builder.Services.AddSerilog((services, logger) =>
        {
            logger.ReadFrom.Configuration(builder.Configuration).ReadFrom.Services(services).Enrich.FromLogContext();
            if (json)
            {
                logger.WriteTo.Console(new EscapingJsonFormatter(), standardErrorFromLevel: standardError);
            }
            else
            {
                logger.WriteTo.Console(TextFormatter(), standardErrorFromLevel: standardError);
            }
        });
        return builder;
    }

    /// <summary>The text console's formatter, for the host and for the bootstrap logger before it.</summary>
    public static EscapingTextFormatter TextFormatter() => new(ConsoleTemplate, CultureInfo.InvariantCulture);

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

/// <summary><c>Logging:Format</c>: <c>text</c> (default) or <c>json</c>.</summary>
public sealed class LogFormatOptions
{
    public const string SectionName = "Logging";

    [RegularExpression("^(?i:text|json)$", ErrorMessage = "must be text or json")]
    public string Format { get; set; } = "text";
}
