namespace ContactSync.Benchmarks.Processes;

/// <summary>
/// The Sandbox's request counts (<c>"METHOD /route"</c> → outcome → count), read as a benchmark needs them: every
/// call that reached the API, with the token endpoint apart because it is not budgeted like the others.
/// </summary>
internal sealed class ApiStats(IReadOnlyDictionary<string, Dictionary<string, int>> requests)
{
    public const string CreateRoute = "POST /api/billing/contractcontacts";
    private const string TokenRoute = "POST /api/token";

    /// <summary>Every /api call other than the token endpoint, whatever its outcome (409s and failures included).</summary>
    public int Calls => requests.Where(r => r.Key != TokenRoute).Sum(r => r.Value.Values.Sum());

    public int TokenCalls => Count(TokenRoute);

    /// <summary>Creates the Sandbox answered with 200.</summary>
    public int Creates => requests.TryGetValue(CreateRoute, out var byOutcome) ? byOutcome.GetValueOrDefault("200") : 0;

    /// <summary>Answers with <paramref name="outcome"/> (a status code, "dropped", "aborted") on any route.</summary>
    public int WithOutcome(string outcome) => requests.Sum(r => r.Value.GetValueOrDefault(outcome));

    public int Count(string route) => requests.TryGetValue(route, out var byOutcome) ? byOutcome.Values.Sum() : 0;

    /// <summary>The calls made since <paramref name="earlier"/> was read.</summary>
    public ApiStats Since(ApiStats earlier)
    {
        var difference = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        foreach (var (route, byOutcome) in requests)
        {
            var before = earlier.Outcomes(route);
            var delta = byOutcome
                .Select(o => (o.Key, Count: o.Value - before.GetValueOrDefault(o.Key)))
                .Where(o => o.Count != 0)
                .ToDictionary(o => o.Key, o => o.Count, StringComparer.Ordinal);
            if (delta.Count > 0)
            {
                difference[route] = delta;
            }
        }

        return new ApiStats(difference);
    }

    /// <summary>"GET /api/sys/countries 200×1, ..." for the detail lines.</summary>
    public string Describe() =>
        requests.Count == 0
            ? "none"
            : string.Join(", ", requests.OrderBy(r => r.Key, StringComparer.Ordinal)
                .SelectMany(r => r.Value.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{r.Key} {o.Key}×{o.Value}")));

    private Dictionary<string, int> Outcomes(string route) => requests.TryGetValue(route, out var byOutcome) ? byOutcome : [];
}
