using ContactSync.Core.Nexudus;
using Microsoft.Extensions.Options;

namespace ContactSync.Core.Nexudus.Budget;

/// <summary>
/// The minimum gap between this process's calls, kept at the moment a call leaves rather than when the budget
/// granted its slot. The budget times a grant inside its decision (in PostgreSQL, before the commit); on a loaded
/// machine the time from that decision to the send varies by tens of milliseconds, so two grants 200 ms apart could
/// leave, and arrive, closer than Nexudus's 100 ms. Normally the budget has already spaced the calls and this costs
/// nothing; it only waits out the difference when a delay after one grant has brought the next one close.
/// </summary>
internal sealed class NexudusSendSpacing(IOptions<NexudusOptions> options, TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly long _intervalTicks = IntervalTicks(options.Value, time);
    private long? _nextFree;

    /// <summary>Waits until this call may leave, and holds the gap after it for the next one.</summary>
    public async ValueTask WaitTurnAsync(CancellationToken cancellationToken)
    {
        if (_intervalTicks == 0)
        {
            return;
        }

        long now;
        long leaves;
        lock (_lock)
        {
            now = time.GetTimestamp();
            leaves = _nextFree is { } free && free > now ? free : now;
            _nextFree = leaves + _intervalTicks;
        }

        if (leaves > now)
        {
            await Task.Delay(time.GetElapsedTime(now, leaves), time, cancellationToken);
        }
    }

    private static long IntervalTicks(NexudusOptions options, TimeProvider time)
    {
        var interval = NexudusBudgetLimits.From(options).RatesAt(level: 0).Interval;
        return (long)(interval.TotalSeconds * time.TimestampFrequency);
    }
}
