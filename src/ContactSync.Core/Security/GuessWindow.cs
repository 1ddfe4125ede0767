using System.Collections.Concurrent;

namespace ContactSync.Core.Security;

/// <summary>
/// Password guesses per client over the last minute, counted <em>before</em> they are evaluated: a guess takes a slot
/// (<see cref="TryBegin"/>) and then either gives it back (<see cref="Succeeded"/>) or turns it into a failure that
/// holds it for a minute (<see cref="Failed"/>). Failures and guesses still being evaluated together never exceed the
/// limit, so a burst of concurrent guesses gets at most the limit's worth of evaluations, whatever their timing.
/// </summary>
public sealed class GuessWindow(Func<int> limit, TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    // A client refused only because its slots are all being evaluated may try again this soon.
    private static readonly TimeSpan BusyRetry = TimeSpan.FromSeconds(1);

    private const int MaxClients = 10_000;

    private readonly ConcurrentDictionary<string, Slots> _clients = new(StringComparer.Ordinal);

    /// <summary>How long the client must wait because of its failures alone, or null when it has failures to spare.</summary>
    public TimeSpan? RetryAfter(string client)
    {
        if (!_clients.TryGetValue(client, out var slots))
        {
            return null;
        }

        lock (slots)
        {
            Expire(slots);
            return slots.Failures.Count >= limit() ? WaitFor(slots) : null;
        }
    }

    /// <summary>Takes a slot for one guess; null when taken, else how long to wait (the guess must not be evaluated).</summary>
    public TimeSpan? TryBegin(string client)
    {
        Forget();
        while (true)
        {
            var slots = _clients.GetOrAdd(client, static _ => new Slots());
            lock (slots)
            {
                // Forgotten between the lookup and the lock: a count kept on it would be lost.
                if (slots.Forgotten)
                {
                    continue;
                }

                Expire(slots);
                if (slots.Failures.Count + slots.Evaluating >= limit())
                {
                    return slots.Failures.Count >= limit() ? WaitFor(slots) : BusyRetry;
                }

                slots.Evaluating++;
                return null;
            }
        }
    }

    /// <summary>The guess was right: its slot is free again, and the client's earlier failures stand.</summary>
    public void Succeeded(string client) => End(client, failed: false);

    /// <returns>The client's failures within the minute, this one included.</returns>
    public int Failed(string client) => End(client, failed: true);

    private int End(string client, bool failed)
    {
        if (!_clients.TryGetValue(client, out var slots))
        {
            throw new InvalidOperationException("A guess ended that was never begun.");
        }

        lock (slots)
        {
            slots.Evaluating--;
            Expire(slots);
            if (failed)
            {
                slots.Failures.Enqueue(time.GetUtcNow());
            }

            return slots.Failures.Count;
        }
    }

    // A flood from many addresses must not grow memory without end: forget the idle ones.
    private void Forget()
    {
        if (_clients.Count < MaxClients)
        {
            return;
        }

        foreach (var (key, slots) in _clients)
        {
            lock (slots)
            {
                Expire(slots);
                if (slots.Failures.Count == 0 && slots.Evaluating == 0)
                {
                    slots.Forgotten = true;
                    _clients.TryRemove(key, out _);
                }
            }
        }
    }

    private TimeSpan WaitFor(Slots slots)
    {
        var wait = slots.Failures.Count > 0 ? slots.Failures.Peek() + Window - time.GetUtcNow() : BusyRetry;
        return wait > TimeSpan.Zero ? wait : BusyRetry;
    }

    private void Expire(Slots slots)
    {
        var cutoff = time.GetUtcNow() - Window;
        while (slots.Failures.Count > 0 && slots.Failures.Peek() <= cutoff)
        {
            slots.Failures.Dequeue();
        }
    }

    private sealed class Slots
    {
        public Queue<DateTimeOffset> Failures { get; } = new();

        public int Evaluating { get; set; }

        public bool Forgotten { get; set; }
    }
}
