namespace ContactSync.Core.Alerts;

/// <summary>An alert says that a condition went bad, or that it recovered: once each way.</summary>
public static class AlertKinds
{
    public const string WentBad = "went_bad";

    public const string Recovered = "recovered";
}
