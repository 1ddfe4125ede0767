using ContactSync.Core.Alerts;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ContactSync.Worker.Alerts;

/// <summary>
/// Evaluates the alert conditions every <see cref="AlertOptions.EvaluateEvery"/> (what no run announces: a source
/// overdue, the budget) and as soon as a run of this replica finishes. With alerts off it says so once and stops.
/// </summary>
internal sealed class AlertEvaluationService(
    AlertEvaluator evaluator, AlertWakeups wakeups, IOptions<AlertOptions> options, TimeProvider time, ILogger<AlertEvaluationService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.IsEnabled)
        {
            AlertLogMessages.AlertsOff(logger);
            return;
        }

        AlertLogMessages.AlertsOn(logger, HostOf(settings.WebhookUrl), HostOf(settings.SlackWebhookUrl), settings.EvaluateEvery);
        while (true)
        {
            try
            {
                await evaluator.EvaluateAsync(stoppingToken);
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException && !stoppingToken.IsCancellationRequested)
            {
                // Nothing is lost: the next evaluation sees the same facts, and states flip only with their alert.
                AlertLogMessages.EvaluationFailed(logger, e.GetType().Name);
            }

            await wakeups.Evaluation.WaitAsync(settings.EvaluateEvery, time, stoppingToken);
        }
    }

    // Never the whole URL: a Slack webhook's path is its credential, and a webhook's may carry a token.
    private static string HostOf(string? url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Authority : "(none)";
}
