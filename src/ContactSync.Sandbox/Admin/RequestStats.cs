namespace ContactSync.Sandbox.Admin;

/// <summary>Counts of API responses per route template and outcome (a status code, "dropped" or "aborted").</summary>
internal sealed class RequestStats : ISandboxState
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, Dictionary<string, long>> counts = new(StringComparer.Ordinal);

    public void Record(string route, string outcome)
    {
        lock (gate)
        {
            if (!counts.TryGetValue(route, out var outcomes))
            {
                outcomes = new Dictionary<string, long>(StringComparer.Ordinal);
                counts[route] = outcomes;
            }

            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }
    }

    public SortedDictionary<string, SortedDictionary<string, long>> Snapshot()
    {
        lock (gate)
        {
            return new SortedDictionary<string, SortedDictionary<string, long>>(
                counts.ToDictionary(pair => pair.Key, pair => new SortedDictionary<string, long>(pair.Value, StringComparer.Ordinal)),
                StringComparer.Ordinal);
        }
    }

    public void Reset()
    {
        lock (gate)
        {
            counts.Clear();
        }
    }
}
