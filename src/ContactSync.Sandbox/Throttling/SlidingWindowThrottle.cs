using ContactSync.Sandbox.Admin;
using Microsoft.Extensions.Options;

namespace ContactSync.Sandbox.Throttling;

/// <summary>
/// Sliding-window logs per client and rule: a request is allowed only if, for every rule that applies, fewer
/// than Limit requests were accepted in the Window before it. Each log keeps at most Limit timestamps, so
/// memory is bounded by the limits. Refused requests are not logged, so a refusal never extends the wait.
/// </summary>
internal sealed class SlidingWindowThrottle(TimeProvider time, IOptions<ThrottleOptions> startup) : ISandboxState
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, Dictionary<string, Queue<DateTimeOffset>>> logs = new(StringComparer.OrdinalIgnoreCase);
    private ThrottleOptions settings = startup.Value.Copy();
    private IReadOnlyList<ThrottleRule> rules = ThrottleRule.From(startup.Value);

    public ThrottleOptions Settings
    {
        get
        {
            lock (gate)
            {
                return settings.Copy();
            }
        }
    }

    /// <summary>Zero when the request may proceed (and is now counted), else how long until it could.</summary>
    public TimeSpan TryAcquire(string client, bool isWrite)
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            if (!logs.TryGetValue(client, out var clientLogs))
            {
                clientLogs = new Dictionary<string, Queue<DateTimeOffset>>(StringComparer.Ordinal);
                logs[client] = clientLogs;
            }

            var applicable = rules.Where(rule => isWrite || !rule.WritesOnly).ToList();
            var wait = TimeSpan.Zero;
            foreach (var rule in applicable)
            {
                var log = LogFor(clientLogs, rule);
                while (log.Count > 0 && log.Peek() <= now - rule.Window)
                {
                    log.Dequeue();
                }

                if (log.Count >= rule.Limit)
                {
                    var freesAt = log.Peek() + rule.Window;
                    wait = freesAt - now > wait ? freesAt - now : wait;
                }
            }

            if (wait > TimeSpan.Zero)
            {
                return wait;
            }

            foreach (var rule in applicable)
            {
                LogFor(clientLogs, rule).Enqueue(now);
            }

            return TimeSpan.Zero;
        }
    }

    /// <summary>Swaps the limits at run time; the logs restart so the new limits apply from a clean slate.</summary>
    public void Replace(ThrottleOptions replacement)
    {
        lock (gate)
        {
            settings = replacement.Copy();
            rules = ThrottleRule.From(settings);
            logs.Clear();
        }
    }

    public void Reset() => Replace(startup.Value);

    private static Queue<DateTimeOffset> LogFor(Dictionary<string, Queue<DateTimeOffset>> clientLogs, ThrottleRule rule)
    {
        if (!clientLogs.TryGetValue(rule.Name, out var log))
        {
            log = new Queue<DateTimeOffset>();
            clientLogs[rule.Name] = log;
        }

        return log;
    }
}
