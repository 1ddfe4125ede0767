using System.Text.Json;

namespace ContactSync.Testing;

/// <summary>How far apart one API client's calls arrived at the Sandbox (its <c>/_sandbox/arrivals</c>).</summary>
public sealed record SandboxArrivals(long Calls, double? SmallestGapMs, IReadOnlyDictionary<int, long> GapsUnderMs)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The arrivals of the one client that called, or none when nobody did; more than one client is an error.</summary>
    public static SandboxArrivals ParseSingle(string json)
    {
        var clients = JsonSerializer.Deserialize<Dictionary<string, Wire>>(json, Json)
            ?? throw new FormatException("The Sandbox's arrivals were null.");
        return clients.Count switch
        {
            0 => new SandboxArrivals(0, null, new Dictionary<int, long>()),
            1 => clients.Values.Single().ToArrivals(),
            _ => throw new InvalidOperationException($"Expected one API client, the Sandbox saw {clients.Count}."),
        };
    }

    public long Under(int milliseconds) => GapsUnderMs.TryGetValue(milliseconds, out var count)
        ? count
        : throw new ArgumentOutOfRangeException(nameof(milliseconds), milliseconds, "The Sandbox does not count gaps under that bound.");

    private sealed record Wire(long Calls, double? SmallestGapMs, Dictionary<string, long> GapsUnderMs)
    {
        public SandboxArrivals ToArrivals() => new(
            Calls, SmallestGapMs, GapsUnderMs.ToDictionary(pair => int.Parse(pair.Key, System.Globalization.CultureInfo.InvariantCulture), pair => pair.Value));
    }
}
