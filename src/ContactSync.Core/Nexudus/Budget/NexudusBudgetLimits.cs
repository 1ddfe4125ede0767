using ContactSync.Core.Nexudus;

namespace ContactSync.Core.Nexudus.Budget;

/// <summary>
/// The limits one Nexudus client must stay under, with the guard bands that keep a call timed on sending from
/// arriving inside a window Nexudus already considers full. Rates (per minute, the gap between calls) are waited
/// for; budgets (per hour, per day) end the run when spent, because waiting for them would hold a run for hours.
/// </summary>
internal sealed record NexudusBudgetLimits(
    int WritesPerMinute,
    int CallsPerMinute,
    TimeSpan MinCallInterval,
    int WritesPerDay,
    int CallsPerHour)
{
    // The budget times a call when it is sent, Nexudus when it arrives: two calls sent exactly 100 ms (or one window)
    // apart can arrive closer together. A small guard band keeps jitter from turning into 409s, at a cost of under
    // 2% of the per-minute budget and well under 0.1% of the hourly and daily ones.
    public static readonly TimeSpan WindowGuard = TimeSpan.FromSeconds(1);
    // 50 ms was not enough on a busy two-core host: one benchmark backlog in three drew a 409 for calls that left
    // 150 ms apart. With 100 ms, calls are at least 200 ms apart, which still allows 300 a minute, so it only ever
    // slows a burst, never the per-minute rates. Measured at the Sandbox with the gap also kept when a call leaves
    // (NexudusSendSpacing), three quick backlogs beside a full test run: the smallest arrival gap was 172 ms, none under
    // 150 ms, so the jitter took at most 28 ms of the 100 ms margin.
    public static readonly TimeSpan IntervalGuard = TimeSpan.FromMilliseconds(100);

    public static readonly TimeSpan RateWindow = TimeSpan.FromMinutes(1) + WindowGuard;
    public static readonly TimeSpan HourWindow = TimeSpan.FromHours(1) + WindowGuard;
    public static readonly TimeSpan DayWindow = TimeSpan.FromDays(1) + WindowGuard;

    public static NexudusBudgetLimits From(NexudusOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new(options.WritesPerMinute, options.CallsPerMinute, options.MinCallInterval, options.WritesPerDay, options.CallsPerHour);
    }

    /// <summary>The per-minute rates while Nexudus's throttling has slowed us <paramref name="level"/> times (halved each time).</summary>
    public (int Writes, int Calls, TimeSpan Interval) RatesAt(int level)
    {
        var interval = MinCallInterval > TimeSpan.Zero ? (MinCallInterval * (1 << level)) + IntervalGuard : TimeSpan.Zero;
        return (Math.Max(1, WritesPerMinute >> level), Math.Max(1, CallsPerMinute >> level), interval);
    }
}
