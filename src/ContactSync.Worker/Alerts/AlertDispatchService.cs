using ContactSync.Core.Alerts;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ContactSync.Worker.Alerts;

/// <summary>
/// Delivers the outbox: whenever an alert is raised in this process, and every few seconds for retries and for what
/// other replicas raised. Every replica runs one; the outbox's claims keep them from sending a row twice at once.
/// </summary>
internal sealed class AlertDispatchService(
    AlertDelivery delivery, AlertOutbox outbox, AlertWakeups wakeups, IOptions<AlertOptions> options, TimeProvider time, ILogger<AlertDispatchService> logger)
    : BackgroundService
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan PruneEvery = TimeSpan.FromHours(1);
    private static readonly TimeSpan KeepDelivered = TimeSpan.FromDays(7);
    private static readonly TimeSpan KeepDead = TimeSpan.FromDays(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.IsEnabled)
        {
            return;
        }

        // A short first retry delay is honoured without waiting for the next poll.
        var poll = settings.RetryDelay < PollEvery ? settings.RetryDelay : PollEvery;
        var pruneAt = time.GetUtcNow();
        while (true)
        {
            try
            {
                await delivery.DeliverDueAsync(stoppingToken);
                if (time.GetUtcNow() >= pruneAt)
                {
                    await outbox.PruneAsync(KeepDelivered, KeepDead, stoppingToken);
                    pruneAt = time.GetUtcNow() + PruneEvery;
                }
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException && !stoppingToken.IsCancellationRequested)
            {
                AlertLogMessages.DeliveryFailed(logger, e.GetType().Name);
            }

            await wakeups.Delivery.WaitAsync(poll, time, stoppingToken);
        }
    }
}
