namespace ContactSync.Worker.Alerts;

/// <summary>The alert services' log messages, event ids 7100–7199: hosts and errors' types, never a URL or the secret.</summary>
internal static partial class AlertLogMessages
{
    [LoggerMessage(EventId = 7101, Level = LogLevel.Information, Message = "Alerts are off: set Alerts:WebhookUrl (with Alerts:WebhookSecret) or Alerts:SlackWebhookUrl to turn them on")]
    public static partial void AlertsOff(ILogger logger);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Information, Message = "Alerts on: webhook {WebhookHost}, Slack {SlackHost}; evaluated every {EvaluateEvery} and after each run")]
    public static partial void AlertsOn(ILogger logger, string webhookHost, string slackHost, TimeSpan evaluateEvery);

    [LoggerMessage(EventId = 7103, Level = LogLevel.Warning, Message = "Alerts could not be evaluated ({Error}); trying again at the next evaluation")]
    public static partial void EvaluationFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 7104, Level = LogLevel.Warning, Message = "Alerts could not be delivered from the outbox ({Error}); they stay there and are tried again")]
    public static partial void DeliveryFailed(ILogger logger, string error);
}
