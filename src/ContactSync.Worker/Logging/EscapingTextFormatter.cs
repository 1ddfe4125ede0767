using ContactSync.Core.Security;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Display;

namespace ContactSync.Worker.Logging;

/// <summary>
/// The text console's formatter: the output template, with every control character in every property written as an
/// escape. A property can hold what a request sent (a path with a newline and an ESC, from anyone, signed in or not),
/// and a raw newline in a text log is a forged line, an ESC a rewritten terminal. An exception keeps its lines, each
/// escaped and indented so none can pass for an event of its own.
/// </summary>
public sealed class EscapingTextFormatter(string outputTemplate, IFormatProvider? formatProvider) : ITextFormatter
{
    private readonly MessageTemplateTextFormatter _template = new(outputTemplate, formatProvider);

    public void Format(LogEvent logEvent, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        ArgumentNullException.ThrowIfNull(output);
        var escaped = new LogEvent(
            logEvent.Timestamp, logEvent.Level, exception: null, logEvent.MessageTemplate,
            logEvent.Properties.Select(property => new LogEventProperty(property.Key, Escape(property.Value))), logEvent.TraceId ?? default,
            logEvent.SpanId ?? default);
        _template.Format(escaped, output);
        if (logEvent.Exception is { } exception)
        {
            WriteException(exception, output);
        }
    }

    private static LogEventPropertyValue Escape(LogEventPropertyValue value) => value switch
    {
        ScalarValue { Value: string text } => UnsafeText.Contains(text) ? new ScalarValue(UnsafeText.Escape(text)) : value,

        // Anything that is not a plain value renders through ToString(), which may carry what it was made from.
        ScalarValue { Value: not null and not ValueType } scalar when scalar.Value.ToString() is { } text && UnsafeText.Contains(text)
            => new ScalarValue(UnsafeText.Escape(text)),
        ScalarValue => value,
        SequenceValue sequence => new SequenceValue(sequence.Elements.Select(Escape)),
        StructureValue structure => new StructureValue(
            structure.Properties.Select(property => new LogEventProperty(property.Name, Escape(property.Value))),
            structure.TypeTag is { } tag ? UnsafeText.Escape(tag) : null),
        DictionaryValue dictionary => new DictionaryValue(
            dictionary.Elements.Select(pair => KeyValuePair.Create((ScalarValue)Escape(pair.Key), Escape(pair.Value)))),
        _ => value,
    };

    private static void WriteException(Exception exception, TextWriter output)
    {
        var first = true;
        foreach (var line in exception.ToString().Split('\n'))
        {
            var text = UnsafeText.Escape(line.TrimEnd('\r'));
            output.Write(first || text.StartsWith(' ') ? text : "  " + text);
            output.WriteLine();
            first = false;
        }
    }
}
