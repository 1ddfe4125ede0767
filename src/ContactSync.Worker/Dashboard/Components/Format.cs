using System.Globalization;

namespace ContactSync.Worker.Dashboard.Components;

/// <summary>How the pages write times, spans and counts: UTC, invariant, the same on every page.</summary>
public static class Format
{
    public static string Time(DateTimeOffset? value)
        => value is { } time ? time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "";

    public static string Span(TimeSpan span)
        => span.TotalDays >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalDays}d {span:hh\\:mm\\:ss}")
            : span.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture);

    public static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A status as people read it: <c>in_flight</c> is "in flight".</summary>
    public static string Status(string status) => status.Replace('_', ' ');
}
