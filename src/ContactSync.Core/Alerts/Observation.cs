namespace ContactSync.Core.Alerts;

/// <summary>What one evaluation found of a condition; <see cref="Unknown"/> leaves its state as it was.</summary>
public enum ConditionState
{
    Unknown,
    Ok,
    Bad,
}

/// <summary>The run an alert is about: its id (the link), how it ended, and when.</summary>
public sealed record AlertRun(Guid Id, string Outcome, DateTimeOffset FinishedAt);

/// <summary>
/// One condition as evaluated: its state and the facts an alert about it would carry. The summary describes the state
/// found, so it reads right as a went_bad alert when bad and as a recovered one when ok.
/// </summary>
public sealed record Observation(
    string Condition,
    string? Source,
    ConditionState State,
    string Summary,
    AlertRun? Run,
    IReadOnlyDictionary<string, long> Counts,
    IReadOnlyDictionary<string, string> Links)
{
    public static Observation Unknown(string condition, string? source) =>
        new(condition, source, ConditionState.Unknown, "", null, new Dictionary<string, long>(), new Dictionary<string, string>());
}
