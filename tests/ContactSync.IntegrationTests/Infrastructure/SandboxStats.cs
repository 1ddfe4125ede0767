using System.Globalization;
using System.Text.Json;

namespace ContactSync.IntegrationTests.Infrastructure;

/// <summary>The sandbox's request counts: <c>"METHOD /route"</c> → status code → count.</summary>
public sealed class SandboxStats(IReadOnlyDictionary<string, Dictionary<string, int>> requests)
{
    public IReadOnlyDictionary<string, Dictionary<string, int>> Requests { get; } = requests;

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
}
