using System.Globalization;
using ContactSync.Core.Security;

namespace ContactSync.Core.Views;

/// <summary>Where a page of runs ended: the last run's start (UTC ticks) and id, <c>ticks.id</c>.</summary>
public static class RunCursor
{
    public static string Write(DateTimeOffset startedAt, Guid id) => string.Create(CultureInfo.InvariantCulture, $"{startedAt.UtcTicks}.{id:N}");

    public static bool TryRead(string cursor, out (DateTimeOffset StartedBefore, Guid IdBefore) position)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        position = default;
        // Number parsing forgives trailing NULs; a cursor this wrote holds none.
        if (UnsafeText.Contains(cursor)
            || cursor.Split('.') is not [var ticks, var id]
            || !long.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out var utcTicks)
            || utcTicks > DateTimeOffset.MaxValue.UtcTicks
            || !Guid.TryParseExact(id, "N", out var guid))
        {
            return false;
        }

        position = (new DateTimeOffset(utcTicks, TimeSpan.Zero), guid);
        return true;
    }
}
