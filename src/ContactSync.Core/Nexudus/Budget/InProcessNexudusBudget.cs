using ContactSync.Core.Nexudus;
using Microsoft.Extensions.Options;

namespace ContactSync.Core.Nexudus.Budget;

/// <summary>
/// The budget for a single process (tests, tools, a worker without PostgreSQL): the same rules as the shared
/// budget (<see cref="NexudusBudgetRules"/>), over calls remembered in memory and timed by the injected clock.
/// </summary>
/// <remarks>
/// Built on <see cref="TimeProvider"/> rather than System.Threading.RateLimiting: those limiters read the system
/// stopwatch even when replenished by hand, so they cannot be tested with a fake clock, and their segmented
/// windows can release a permit up to one segment early, which is exactly the burst Nexudus answers with a 409.
/// </remarks>
internal sealed class InProcessNexudusBudget(IOptions<NexudusOptions> options, TimeProvider time) : INexudusBudget
{
    internal static readonly TimeSpan Window = NexudusBudgetLimits.RateWindow;
    internal static readonly TimeSpan IntervalGuard = NexudusBudgetLimits.IntervalGuard;

    private readonly Lock _lock = new();
    private readonly NexudusBudgetLimits _limits = NexudusBudgetLimits.From(options.Value);

    // Oldest first; kept for the longest window a call of its kind counts in.
    private readonly LinkedList<NexudusCall> _calls = new();
    private NexudusBudgetSlowdown _throttle = NexudusBudgetSlowdown.None;

    public async ValueTask AcquireAsync(bool isWrite, CancellationToken cancellationToken)
    {
        while (true)
        {
            NexudusBudgetDecision decision;
            lock (_lock)
            {
                decision = NexudusBudgetRules.Decide(Snapshot(time.GetUtcNow()), _limits, isWrite);
                if (decision is NexudusBudgetDecision.Granted granted)
                {
                    _calls.AddLast(new NexudusCall(granted.At, isWrite));
                    return;
                }
            }

            switch (decision)
            {
                case NexudusBudgetDecision.Exhausted spent:
                    throw new NexudusBudgetExhaustedException(spent.Budget, spent.Limit, spent.FreesAt);
                case NexudusBudgetDecision.Wait wait:
                    // Re-check after waking: another caller may have taken the slot, or a throttle may have arrived meanwhile.
                    await Task.Delay(wait.Delay, time, cancellationToken);
                    break;
            }
        }
    }

    public ValueTask ReportThrottledAsync(TimeSpan retryAfter, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _throttle = _throttle.AfterThrottled(time.GetUtcNow(), retryAfter);
        }

        return ValueTask.CompletedTask;
    }

    private NexudusBudgetSnapshot Snapshot(DateTimeOffset now)
    {
        Prune(now);
        var recent = new List<NexudusCall>();
        for (var node = _calls.Last; node is not null && node.Value.At + NexudusBudgetLimits.RateWindow > now; node = node.Previous)
        {
            recent.Add(node.Value);
        }

        return new NexudusBudgetSnapshot(
            now,
            _calls.Last?.Value.At,
            recent,
            NthNewest(now, _limits.WritesPerDay, NexudusBudgetLimits.DayWindow, writesOnly: true),
            NthNewest(now, _limits.CallsPerHour, NexudusBudgetLimits.HourWindow, writesOnly: false),
            _throttle);
    }

    private DateTimeOffset? NthNewest(DateTimeOffset now, int n, TimeSpan window, bool writesOnly)
    {
        var seen = 0;
        for (var node = _calls.Last; node is not null && node.Value.At + window > now; node = node.Previous)
        {
            if ((!writesOnly || node.Value.IsWrite) && ++seen == n)
            {
                return node.Value.At;
            }
        }

        return null;
    }

    private void Prune(DateTimeOffset now)
    {
        // The newest call stays: it times the gap before the next one.
        for (var node = _calls.First; node is not null && node != _calls.Last;)
        {
            var next = node.Next;
            if (node.Value.At + (node.Value.IsWrite ? NexudusBudgetLimits.DayWindow : NexudusBudgetLimits.HourWindow) <= now)
            {
                _calls.Remove(node);
            }

            node = next;
        }
    }
}
