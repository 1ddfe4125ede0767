using Microsoft.Extensions.Options;

namespace ContactSync.Core.Nexudus;

/// <summary>
/// The rate gate for a single process: exact sliding windows for writes and for all calls, a minimum gap between calls,
/// and a shared pause after a throttle. It aims to stay under Nexudus's limits so that 409s are an exception, not
/// the way the budget is discovered.
/// </summary>
/// <remarks>
/// Built on <see cref="TimeProvider"/> rather than System.Threading.RateLimiting: those limiters read the system
/// stopwatch even when replenished by hand, so they cannot be tested with a fake clock, and their segmented
/// windows can release a permit up to one segment early, which is exactly the burst Nexudus answers with a 409.
/// </remarks>
internal sealed class InProcessNexudusRateGate : INexudusRateGate
{
    // The gate times a call when it is sent, Nexudus when it arrives: two calls sent exactly 100 ms (or one
    // window) apart can arrive closer together. A small guard band keeps jitter from turning into 409s, at a
    // cost of under 2% of the write budget.
    internal static readonly TimeSpan Window = TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1);
    internal static readonly TimeSpan IntervalGuard = TimeSpan.FromMilliseconds(50);

    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly TimeSpan _minInterval;
    private readonly SlidingWindowLog _calls;
    private readonly SlidingWindowLog _writes;
    private DateTimeOffset _nextCallAt = DateTimeOffset.MinValue;
    private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;

    public InProcessNexudusRateGate(IOptions<NexudusOptions> options, TimeProvider time)
    {
        var o = options.Value;
        _time = time;
        _minInterval = o.MinCallInterval > TimeSpan.Zero ? o.MinCallInterval + IntervalGuard : TimeSpan.Zero;
        _calls = new SlidingWindowLog(o.CallsPerMinute, Window);
        _writes = new SlidingWindowLog(o.WritesPerMinute, Window);
    }

    public async ValueTask AcquireAsync(bool isWrite, CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_lock)
            {
                var now = _time.GetUtcNow();
                wait = Max(
                    _pausedUntil - now,
                    _nextCallAt - now,
                    _calls.WaitBeforeNext(now),
                    isWrite ? _writes.WaitBeforeNext(now) : TimeSpan.Zero);

                if (wait <= TimeSpan.Zero)
                {
                    _calls.Record(now);
                    if (isWrite)
                    {
                        _writes.Record(now);
                    }

                    _nextCallAt = now + _minInterval;
                    return;
                }
            }

            // Re-check after waking: another caller may have taken the slot, or a throttle may have arrived meanwhile.
            await Task.Delay(wait, _time, cancellationToken);
        }
    }

    public void ReportThrottled(TimeSpan retryAfter)
    {
        lock (_lock)
        {
            var until = _time.GetUtcNow() + retryAfter;
            if (until > _pausedUntil)
            {
                _pausedUntil = until;
            }
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b, TimeSpan c, TimeSpan d)
        => TimeSpan.FromTicks(Math.Max(Math.Max(a.Ticks, b.Ticks), Math.Max(c.Ticks, d.Ticks)));
}
