using System.Globalization;

namespace ContactSync.Core.Runs;

/// <summary>
/// How far a running run is: records it has tried (an attempt ended) of those it has to try, and when it should end
/// at the API budget left. Writes are the scarce part: a first load of thousands at 60 writes a minute takes hours,
/// and past the day's limit the rest waits for the next day's budget. While the run is <see cref="StillReading"/> its
/// source, the records to try are only those read so far, so the end is a lower bound that grows as it reads.
/// </summary>
public sealed record RunProgress(long Done, long Remaining, DateTimeOffset? EstimatedEnd, bool StillReading)
{
    public long Planned => Done + Remaining;

    public int Percent => Planned == 0 ? 100 : (int)(Done * 100 / Planned);

    /// <summary>
    /// When <paramref name="remaining"/> writes are done at <paramref name="writesPerMinute"/>, with
    /// <paramref name="writesLeftThisMinute"/> of this minute's budget and <paramref name="writesLeftToday"/> of today's
    /// left, and <paramref name="writesPerDay"/> a day after today. Writes beyond this minute's go a whole window at a
    /// time; beyond today's, they wait for the rolling day to free a day's worth.
    /// </summary>
    public static DateTimeOffset EstimateEnd(
        long remaining, int writesPerMinute, int writesPerDay, long writesLeftThisMinute, long writesLeftToday, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(remaining);
        var perMinute = Math.Max(1, writesPerMinute);
        var perDay = Math.Max(1, writesPerDay);
        if (remaining <= Math.Min(writesLeftThisMinute, writesLeftToday))
        {
            return now;
        }

        if (remaining <= writesLeftToday)
        {
            return now + Minutes(remaining - Math.Max(0, writesLeftThisMinute), perMinute);
        }

        // Today's remainder at the per-minute rate, then the rest a day's budget at a time as the rolling day frees it.
        var rest = remaining - Math.Max(0, writesLeftToday);
        var fullDays = (rest - 1) / perDay;
        var lastDay = rest - (fullDays * perDay);
        return now + TimeSpan.FromDays(fullDays + 1) + Minutes(lastDay, perMinute);
    }

    /// <summary>A span in its two largest units ("2d 07h", "1h 01m", "0m 45s"): a first load's days read as days.</summary>
    public static string Span(TimeSpan span)
        => span.TotalDays >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalDays}d {span.Hours:D2}h")
            : span.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours}h {span.Minutes:D2}m")
            : string.Create(CultureInfo.InvariantCulture, $"{span.Minutes}m {span.Seconds:D2}s");

    private static TimeSpan Minutes(long writes, int perMinute) => TimeSpan.FromMinutes(Math.Ceiling((double)writes / perMinute));
}
