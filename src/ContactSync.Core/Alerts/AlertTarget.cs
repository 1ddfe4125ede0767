namespace ContactSync.Core.Alerts;

/// <summary>Where an alert is delivered; stored in the outbox by <see cref="AlertTargets.Name"/>.</summary>
public enum AlertTarget
{
    Webhook,
    Slack,
}

public static class AlertTargets
{
    public static string Name(AlertTarget target) => target switch
    {
        AlertTarget.Webhook => "webhook",
        AlertTarget.Slack => "slack",
        _ => throw new ArgumentOutOfRangeException(nameof(target), target, null),
    };

    public static AlertTarget Parse(string name) => name switch
    {
        "webhook" => AlertTarget.Webhook,
        "slack" => AlertTarget.Slack,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };
}
