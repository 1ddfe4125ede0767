namespace ContactSync.Worker.Alerts;

internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Alerts are off: set Alerts:WebhookUrl (with Alerts:WebhookSecret) or Alerts:SlackWebhookUrl to turn them on")]
    public static partial void AlertsOff(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alerts on: webhook {WebhookHost}, Slack {SlackHost}; evaluated every {EvaluateEvery} and after each run")]
    public static partial void AlertsOn(ILogger logger, string webhookHost, string slackHost, TimeSpan evaluateEvery);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alerts could not be evaluated ({Error}); trying again at the next evaluation")]
    public static partial void EvaluationFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alerts could not be delivered from the outbox ({Error}); they stay there and are tried again")]
    public static partial void DeliveryFailed(ILogger logger, string error);
}
