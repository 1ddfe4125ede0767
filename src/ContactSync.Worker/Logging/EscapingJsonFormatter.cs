using System.Globalization;
using ContactSync.Core.Security;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Compact;

namespace ContactSync.Worker.Logging;

/// <summary>
/// Compact JSON, one event a line, with the characters JSON itself lets through raw written as <c>\uXXXX</c>: JSON
/// escapes the C0 controls but not DEL, the C1 controls (U+009B opens a terminal's control sequence, as ESC [ does),
/// bidirectional overrides or line separators. The escapes read back as the same string, so a collector sees no change.
/// </summary>
public sealed class EscapingJsonFormatter : ITextFormatter
{
    private readonly RenderedCompactJsonFormatter _json = new();

    public void Format(LogEvent logEvent, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var buffer = new StringWriter(CultureInfo.InvariantCulture);
        _json.Format(logEvent, buffer);
        var text = buffer.ToString();
        if (!UnsafeText.Contains(text.TrimEnd('\r', '\n')))
        {
            output.Write(text);
            return;
        }

        // Outside its strings a JSON line holds only ASCII punctuation, digits and the final newline.
        foreach (var c in text)
        {
            if (c is '\n' or '\r' || !UnsafeText.Contains(c.ToString()))
            {
                output.Write(c);
            }
            else
            {
                output.Write("\\u");
                output.Write(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
        }
    }
}
