using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContactSync.Core.Alerts;

/// <summary>
/// Delivers what the outbox holds: each due row in turn, until none is due. A failure waits with backoff
/// (<see cref="AlertBackoff"/>) and, past <see cref="AlertOptions.MaxAttempts"/> or <see cref="AlertOptions.GiveUpAfter"/>,
/// is given up on. Delivery is at least once: a replica that dies after the receiver took an alert but before recording
/// it sends it again, with the same event id.
/// </summary>
public sealed class AlertDelivery(AlertOutbox outbox, AlertSender sender, IOptions<AlertOptions> options, ILogger<AlertDelivery> logger)
{
    // Longer than any attempt, so a live replica never loses its claim mid-delivery; short enough that a dead
    // replica's claim passes quickly.
    private static readonly TimeSpan ClaimMargin = TimeSpan.FromSeconds(30);

    /// <summary>Delivers every due row; returns how many deliveries were tried.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var targets = settings.Targets;
        if (await outbox.GiveUpAsync(targets, settings.GiveUpAfter, cancellationToken) is > 0 and var stale)
        {
            AlertLogMessages.GaveUpStale(logger, stale);
        }

        var tried = 0;
        while (await outbox.ClaimAsync(targets, settings.Timeout + ClaimMargin, cancellationToken) is { } row)
        {
            tried++;
            DeliveryResult result;
            try
            {
                result = await sender.SendAsync(row.Target, row.EventId, row.Payload, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await outbox.ReleaseAsync(row, CancellationToken.None);
                throw;
            }

            if (result.Delivered)
            {
                await outbox.DeliveredAsync(row, CancellationToken.None);
                AlertLogMessages.Delivered(logger, row.EventId, AlertTargets.Name(row.Target), row.Attempts);
                continue;
            }

            var error = result.Error ?? "not delivered";
            var retryIn = AlertBackoff.After(row.Attempts, settings.RetryDelay, settings.MaxRetryDelay, Random.Shared.NextDouble());
            var giveUp = row.Attempts >= settings.MaxAttempts;
            await outbox.FailedAsync(row, error, retryIn, giveUp, CancellationToken.None);
            if (giveUp)
            {
                AlertLogMessages.GaveUp(logger, row.EventId, AlertTargets.Name(row.Target), row.Attempts, error);
            }
            else
            {
                AlertLogMessages.NotDelivered(logger, row.EventId, AlertTargets.Name(row.Target), row.Attempts, error, retryIn);
            }
        }

        return tried;
    }
}
