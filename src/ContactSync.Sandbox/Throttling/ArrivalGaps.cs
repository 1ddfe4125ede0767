using ContactSync.Sandbox.Admin;

namespace ContactSync.Sandbox.Throttling;

/// <summary>
/// How far apart each client's API calls arrive, as the throttle sees them (refused calls included): the smallest
/// gap and how many gaps fall under each bound. A client that spaces its calls by its clock when it sends them can
/// still arrive closer together when the machine is loaded; this is the figure that says by how much.
/// </summary>
internal sealed class ArrivalGaps : ISandboxState
{
    /// <summary>The bounds, in milliseconds, each gap is counted under (a gap of 120 ms counts under 150 and 200).</summary>
    public static readonly int[] BoundsMs = [50, 100, 150, 200, 250];

    private readonly Lock gate = new();
    private readonly Dictionary<string, ClientGaps> clients = new(StringComparer.OrdinalIgnoreCase);

    public void Arrived(string client, DateTimeOffset at)
    {
        lock (gate)
        {
            if (!clients.TryGetValue(client, out var gaps))
            {
                clients[client] = new ClientGaps { Last = at, Calls = 1 };
                return;
            }

            var gapMs = Math.Max(0, (at - gaps.Last).TotalMilliseconds);
            gaps.Last = at;
            gaps.Calls++;
            gaps.SmallestMs = gaps.SmallestMs is { } smallest ? Math.Min(smallest, gapMs) : gapMs;
            for (var i = 0; i < BoundsMs.Length; i++)
            {
                if (gapMs < BoundsMs[i])
                {
                    gaps.Under[i]++;
                }
            }
        }
    }

    public IReadOnlyDictionary<string, ArrivalGapsView> Snapshot()
    {
        lock (gate)
        {
            return clients.ToDictionary(
                pair => pair.Key,
                pair => new ArrivalGapsView(
                    pair.Value.Calls,
                    pair.Value.SmallestMs is { } smallest ? Math.Round(smallest, 1) : null,
                    BoundsMs.Select((bound, i) => (bound, count: pair.Value.Under[i]))
                        .ToDictionary(item => item.bound.ToString(System.Globalization.CultureInfo.InvariantCulture), item => item.count)),
                StringComparer.OrdinalIgnoreCase);
        }
    }

    public void Reset()
    {
        lock (gate)
        {
            clients.Clear();
        }
    }

    private sealed class ClientGaps
    {
        public DateTimeOffset Last { get; set; }
        public long Calls { get; set; }
        public double? SmallestMs { get; set; }
        public long[] Under { get; } = new long[BoundsMs.Length];
    }
}

/// <summary>One client's arrivals: calls seen, the smallest gap, and the count of gaps under each bound (ms).</summary>
internal sealed record ArrivalGapsView(long Calls, double? SmallestGapMs, IReadOnlyDictionary<string, long> GapsUnderMs);
