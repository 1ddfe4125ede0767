using System.Globalization;
using System.Text.RegularExpressions;

namespace ContactSync.Sandbox.Api;

/// <summary>How the Sandbox writes and reads dates on the wire.</summary>
internal static partial class SandboxDates
{
    /// <summary>Timestamps go out in UTC with a literal Z, like the Nexudus examples.</summary>
    public static string FormatInstant(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Date-only fields go out as midnight with no offset, so the calendar date survives any client parse.</summary>
    public static string FormatDate(DateOnly value) =>
        value.ToString("yyyy-MM-dd'T00:00:00'", CultureInfo.InvariantCulture);

    /// <summary>
    /// Accepts <c>YYYY-MM-DD</c> or an ISO date-time with or without an offset, and keeps the calendar date
    /// exactly as written: a date of birth is a date, not an instant, so no offset is ever applied.
    /// </summary>
    public static bool TryParseDate(string value, out DateOnly date)
    {
        date = default;
        var match = IsoDate().Match(value.Trim());
        return match.Success
            && (match.Groups["time"].Length == 0 || TryParseInstant(value, out _))
            && DateOnly.TryParseExact(match.Groups["date"].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    /// <summary>Reads a timestamp; one without an offset is taken as UTC.</summary>
    public static bool TryParseInstant(string value, out DateTimeOffset instant) =>
        DateTimeOffset.TryParse(
            value.Trim(),
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out instant);

    [GeneratedRegex(@"^(?<date>\d{4}-\d{2}-\d{2})(?<time>[T ].*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDate();
}
