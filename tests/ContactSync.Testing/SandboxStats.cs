using System.Globalization;
using System.Text.Json;

namespace ContactSync.Testing;

/// <summary>The sandbox's request counts: <c>"METHOD /route"</c> → outcome (a status code, <c>"dropped"</c>, <c>"aborted"</c>) → count.</summary>
public sealed class SandboxStats(IReadOnlyDictionary<string, Dictionary<string, int>> requests)
{
    public const string CreateRoute = "POST /api/billing/contractcontacts";
    public const string TokenRoute = "POST /api/token";

    public IReadOnlyDictionary<string, Dictionary<string, int>> Requests { get; } = requests;

    /// <summary>Every /api call other than the token endpoint, whatever its outcome (409s and failures included).</summary>
    public int Calls => Requests.Where(r => r.Key != TokenRoute).Sum(r => r.Value.Values.Sum());

    public int TokenCalls => Count(TokenRoute);

    /// <summary>Creates the sandbox answered with 200.</summary>
    public int Creates => Count(CreateRoute, "200");

    public static SandboxStats Parse(string json) =>
        new(JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, int>>>(json)
            ?? throw new FormatException($"Sandbox stats were null: {json}"));

    /// <summary>How many <paramref name="methodAndRoute"/> requests (e.g. <c>"POST /api/..."</c>) were answered with <paramref name="status"/>.</summary>
    public int Count(string methodAndRoute, int status) => Count(methodAndRoute, status.ToString(CultureInfo.InvariantCulture));

    /// <summary>How many <paramref name="methodAndRoute"/> requests ended with <paramref name="outcome"/>: a status code, <c>"dropped"</c> or <c>"aborted"</c>.</summary>
    public int Count(string methodAndRoute, string outcome) =>
        Requests.TryGetValue(methodAndRoute, out var byStatus) && byStatus.TryGetValue(outcome, out var count) ? count : 0;

    /// <summary>How many <paramref name="methodAndRoute"/> requests were answered, whatever the status.</summary>
    public int Count(string methodAndRoute) =>
        Requests.TryGetValue(methodAndRoute, out var byStatus) ? byStatus.Values.Sum() : 0;

    /// <summary>Requests on any route that ended with <paramref name="outcome"/>.</summary>
    public int WithOutcome(string outcome) => Requests.Sum(r => r.Value.GetValueOrDefault(outcome));

    /// <summary>The requests made since <paramref name="earlier"/> was read.</summary>
    public SandboxStats Since(SandboxStats earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        var difference = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        foreach (var (route, byOutcome) in Requests)
        {
            var before = earlier.Requests.GetValueOrDefault(route) ?? [];
            var delta = byOutcome
                .Select(o => (o.Key, Count: o.Value - before.GetValueOrDefault(o.Key)))
                .Where(o => o.Count != 0)
                .ToDictionary(o => o.Key, o => o.Count, StringComparer.Ordinal);
            if (delta.Count > 0)
            {
                difference[route] = delta;
            }
        }

        return new SandboxStats(difference);
    }

    /// <summary>"GET /api/sys/countries 200×1, ..." for messages and reports.</summary>
    public string Describe() =>
        Requests.Count == 0
            ? "none"
            : string.Join(", ", Requests.OrderBy(r => r.Key, StringComparer.Ordinal)
                .SelectMany(r => r.Value.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{r.Key} {o.Key}×{o.Value}")));
}
