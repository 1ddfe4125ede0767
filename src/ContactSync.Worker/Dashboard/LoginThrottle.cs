using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace ContactSync.Worker.Dashboard;

/// <summary>
/// Failed dashboard logins per client address over the last minute: past <see cref="DashboardCredentials.FailedLoginsPerMinute"/>
/// a client is refused with 429 until its oldest failure is a minute old, right credentials or not. Per replica:
/// behind a load balancer a guesser meets the limit on each replica it reaches.
/// </summary>
internal sealed class LoginThrottle(IOptions<DashboardCredentials> options, TimeProvider time)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private const int MaxClients = 10_000;

    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _failures = new(StringComparer.Ordinal);

    /// <summary>How long the client must wait, or null when it may try.</summary>
    public TimeSpan? RetryAfter(string client)
    {
        if (!_failures.TryGetValue(client, out var failures))
        {
            return null;
        }

        lock (failures)
        {
            Expire(failures);
            return failures.Count >= options.Value.FailedLoginsPerMinute ? failures.Peek() + Window - time.GetUtcNow() : null;
        }
    }

    /// <returns>The client's failures within the minute, this one included.</returns>
    public int Failed(string client)
    {
        if (_failures.Count >= MaxClients)
        {
            // A flood from many addresses must not grow memory without end: forget the idle ones.
            foreach (var (key, queue) in _failures)
            {
                lock (queue)
                {
                    Expire(queue);
                    if (queue.Count == 0)
                    {
                        _failures.TryRemove(key, out _);
                    }
                }
            }
        }

        var failures = _failures.GetOrAdd(client, _ => new Queue<DateTimeOffset>());
        lock (failures)
        {
            Expire(failures);
            failures.Enqueue(time.GetUtcNow());
            return failures.Count;
        }
    }

    private void Expire(Queue<DateTimeOffset> failures)
    {
        var cutoff = time.GetUtcNow() - Window;
        while (failures.Count > 0 && failures.Peek() <= cutoff)
        {
            failures.Dequeue();
        }
    }
}
