namespace ContactSync.Core.Nexudus.Budget;

/// <summary>
/// The budget's decision, kept free of clocks and storage so that the in-process budget and the PostgreSQL budget
/// decide alike and the rules can be tested on their own. Windows slide: no window of the given length, starting
/// anywhere, holds more than the limit.
/// </summary>
internal static class NexudusBudgetRules
{
    /// <summary>
    /// A full hourly or daily window whose next slot frees sooner than this is waited for like a rate; later, the
    /// budget counts as spent. (A run that spent its day's writes in one go would otherwise wait for hours, while
    /// one that has been sending steadily for a day only has to wait for its oldest write to age out.)
    /// </summary>
    public static readonly TimeSpan LongestBudgetWait = NexudusBudgetLimits.RateWindow;

    public static NexudusBudgetDecision Decide(NexudusBudgetSnapshot snapshot, NexudusBudgetLimits limits, bool isWrite)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(limits);
        var now = snapshot.Now;
        var dayFreesAt = isWrite ? snapshot.DayOfWritesFullSince + NexudusBudgetLimits.DayWindow : null;
        var hourFreesAt = snapshot.HourOfCallsFullSince + NexudusBudgetLimits.HourWindow;

        // Budgets first: a spent budget ends the run even during a pause, rather than making it wait to learn that.
        if (dayFreesAt is { } day && day - now > LongestBudgetWait)
        {
            return new NexudusBudgetDecision.Exhausted("writes per day", limits.WritesPerDay, day);
        }

        if (hourFreesAt is { } hour && hour - now > LongestBudgetWait)
        {
            return new NexudusBudgetDecision.Exhausted("calls per hour", limits.CallsPerHour, hour);
        }

        var (writes, calls, interval) = limits.RatesAt(snapshot.Throttle.LevelAt(now));
        var until = Latest(
            dayFreesAt,
            hourFreesAt,
            snapshot.Throttle.PausedUntil,
            snapshot.LastCallAt + interval,
            FreesAt(snapshot.RecentCalls, now, calls, writesOnly: false),
            isWrite ? FreesAt(snapshot.RecentCalls, now, writes, writesOnly: true) : null);

        return until is { } at && at > now
            ? new NexudusBudgetDecision.Wait(now, at)
            : new NexudusBudgetDecision.Granted(now);
    }

    /// <summary>When the rate window has room for one more call: when the limit-th newest call in it leaves it.</summary>
    private static DateTimeOffset? FreesAt(IReadOnlyList<NexudusCall> calls, DateTimeOffset now, int limit, bool writesOnly)
    {
        var inWindow = calls
            .Where(c => (!writesOnly || c.IsWrite) && c.At + NexudusBudgetLimits.RateWindow > now)
            .Select(c => c.At)
            .OrderDescending()
            .ToList();
        return inWindow.Count >= limit ? inWindow[limit - 1] + NexudusBudgetLimits.RateWindow : null;
    }

    private static DateTimeOffset? Latest(params DateTimeOffset?[] times)
        => times.Where(t => t is not null).DefaultIfEmpty(null).Max();
}
