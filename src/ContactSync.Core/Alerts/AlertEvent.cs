using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ContactSync.Core.Alerts;

/// <summary>
/// One alert as its receivers get it (the webhook's JSON body, and the facts of the Slack message): a condition of a
/// source (null for the account) went bad or recovered. Source names, counts and links only, never personal data.
/// </summary>
public sealed record AlertEvent(
    Guid Id,
    string Kind,
    string Condition,
    string? Source,
    string Summary,
    DateTimeOffset At,
    AlertRun? Run,
    IReadOnlyDictionary<string, long> Counts,
    IReadOnlyDictionary<string, string> Links)
{
    /// <summary>Also for the Slack body: links and text stay readable (no \u0026 for every &amp;); a receiver parses JSON, never pastes it into HTML.</summary>
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The alert a change to <paramref name="observation"/>'s state raises: went_bad when bad, recovered when ok.</summary>
    public static AlertEvent For(Observation observation, Guid id, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(observation);
        if (observation.State == ConditionState.Unknown)
        {
            throw new ArgumentException("An unknown state raises no alert.", nameof(observation));
        }

        var kind = observation.State == ConditionState.Bad ? AlertKinds.WentBad : AlertKinds.Recovered;
        return new AlertEvent(id, kind, observation.Condition, observation.Source, observation.Summary, at, observation.Run,
            observation.Counts, observation.Links);
    }

    [JsonIgnore]
    public bool WentBad => Kind == AlertKinds.WentBad;

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static AlertEvent FromJson(string json) =>
        JsonSerializer.Deserialize<AlertEvent>(json, Json) ?? throw new JsonException("An alert's payload is empty.");
}
