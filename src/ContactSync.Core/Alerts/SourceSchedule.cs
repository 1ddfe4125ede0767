using System.Diagnostics.CodeAnalysis;
using Cronos;

namespace ContactSync.Core.Alerts;

/// <summary>
/// A source's cron schedule (UTC) read the way Hangfire reads it (five fields, or six with seconds first), for when its
/// next run is due and how far apart its runs are there.
/// </summary>
public sealed class SourceSchedule
{
    private readonly CronExpression _expression;

    private SourceSchedule(CronExpression expression) => _expression = expression;

    public static bool TryParse(string? cron, [NotNullWhen(true)] out SourceSchedule? schedule)
    {
        schedule = null;
        if (string.IsNullOrWhiteSpace(cron))
        {
            return false;
        }

        var fields = cron.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        if (!CronExpression.TryParse(cron.Trim(), fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard, out var expression))
        {
            return false;
        }

        schedule = new SourceSchedule(expression);
        return true;
    }

    /// <summary>The first run due after <paramref name="after"/>, and the gap to the one after it; null if it never comes.</summary>
    public (DateTimeOffset Due, TimeSpan Interval)? NextAfter(DateTimeOffset after)
    {
        var due = _expression.GetNextOccurrence(after, TimeZoneInfo.Utc);
        var following = due is { } first ? _expression.GetNextOccurrence(first, TimeZoneInfo.Utc) : null;
        return due is { } d && following is { } f ? (d, f - d) : null;
    }
}
