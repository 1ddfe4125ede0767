using System.Globalization;
using System.Net;
using System.Text.Json;

namespace ContactSync.Core.Nexudus.Model;

/// <summary>
/// Turns Nexudus's validation errors into the reason operators see, e.g. <c>"FullName: is required; Email: is not a
/// valid email"</c>. Property names and messages only: the attempted values are personal data, and are also cut out
/// of any message that quotes them.
/// </summary>
internal static class RejectionReason
{
    public const int MaxLength = 500;

    // Shorter values are not identifying, and replacing them would mangle the message.
    private const int MinScrubbedLength = 2;

    public static string From(NexudusActionResult? result, HttpStatusCode status)
    {
        var errors = result?.Errors?
            .Select(Describe)
            .Where(e => e.Length > 0)
            .ToList();

        // The envelope's free-text Message is never used: it repeats the errors in a form that cannot be scrubbed.
        var reason = errors is { Count: > 0 } ? string.Join("; ", errors)
            : (int)status is >= 200 and < 300
                ? string.Create(CultureInfo.InvariantCulture, $"Nexudus answered {(int)status} but reported it was not done (WasSuccessful: false)")
                : string.Create(CultureInfo.InvariantCulture, $"Nexudus rejected the request ({(int)status})");

        return Truncate(reason);
    }

    public static string Truncate(string reason)
        => reason.Length <= MaxLength ? reason : string.Concat(reason.AsSpan(0, MaxLength - 3), "...");

    private static string Describe(NexudusValidationError error)
    {
        var message = Scrub(error.Message?.Trim() ?? "", error.AttemptedValue);
        var property = error.PropertyName?.Trim();
        if (string.IsNullOrEmpty(property))
        {
            return message;
        }

        if (message.Length == 0)
        {
            return $"{property}: is invalid";
        }

        // Nexudus sometimes already prefixes the message with the property name.
        return message.StartsWith(property + ":", StringComparison.OrdinalIgnoreCase) ? message : $"{property}: {message}";
    }

    private static string Scrub(string message, JsonElement? attemptedValue)
    {
        var value = attemptedValue is { ValueKind: JsonValueKind.String } text ? text.GetString()
            : attemptedValue is { ValueKind: JsonValueKind.Number } number ? number.GetRawText()
            : null;

        return value is { Length: >= MinScrubbedLength } && message.Contains(value, StringComparison.OrdinalIgnoreCase)
            ? message.Replace(value, "[value]", StringComparison.OrdinalIgnoreCase)
            : message;
    }
}
