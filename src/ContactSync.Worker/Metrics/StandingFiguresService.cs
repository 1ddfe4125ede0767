using ContactSync.Core.Alerts;
using ContactSync.Core.Nexudus;
using ContactSync.Core.Nexudus.Budget;
using ContactSync.Core.Runs;
using ContactSync.Core.Telemetry;
using ContactSync.Core.Views;
using Hangfire;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ContactSync.Worker.Metrics;

/// <summary>
/// Reads where the sources stand every <see cref="Every"/> (last success, records not in step, the Nexudus budget
/// left, Hangfire's queues, the alerts outbox) and publishes it for the gauges, so a scrape does not query the database
/// itself, except the first after start if no read has succeeded yet: a restarted pod reports what the ledger says
/// from its first scrape, not from its first run.
/// </summary>
internal sealed class StandingFiguresService(
    NpgsqlDataSource dataSource, RecordBrowser records, NexudusBudgetReader budgetReader, AlertOutbox alerts, JobStorage storage,
    IOptions<ContactSyncOptions> options, TimeProvider time, ILogger<StandingFiguresService> logger)
    : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _reading = new(1, 1);
    private volatile bool _read;

    /// <summary>Reads the figures now unless a read has succeeded already.</summary>
    public async Task EnsureReadAsync(CancellationToken cancellationToken)
    {
        if (!_read)
        {
            await RefreshAsync(onlyIfUnread: true, cancellationToken);
        }
    }

    public override void Dispose()
    {
        _reading.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, time);
        do
        {
            await RefreshAsync(onlyIfUnread: false, stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task RefreshAsync(bool onlyIfUnread, CancellationToken cancellationToken)
    {
        await _reading.WaitAsync(cancellationToken);
        try
        {
            if (onlyIfUnread && _read)
            {
                return;
            }

            var sources = options.Value.Sources.Select(source => source.Name);
            ContactSyncMetrics.Publish((await ReadAsync(cancellationToken)).Completed(sources));
            _read = true;
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            // The figures stay as last read; the readiness probe reports the database.
            MetricsLogMessages.ReadFailed(logger, e.GetType().Name);
        }
        finally
        {
            _reading.Release();
        }
    }

    private async Task<StandingFigures> ReadAsync(CancellationToken cancellationToken)
    {
        var lastSuccess = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        await using (var command = dataSource.CreateCommand(
                         $"select source, max(finished_at) from sync_runs where status = '{RunOutcome.Succeeded}' and finished_at is not null group by source"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                lastSuccess[reader.GetString(0)] = reader.GetFieldValue<DateTimeOffset>(1);
            }
        }

        var attention = await records.AttentionCountsAsync(cancellationToken);

        var standing = await budgetReader.ReadAsync(cancellationToken);
        var budget = new Dictionary<string, long>(StringComparer.Ordinal)
        {
            ["writes_minute"] = standing.WritesMinuteLeft,
            ["writes_day"] = standing.WritesDayLeft,
            ["calls_minute"] = standing.CallsMinuteLeft,
            ["calls_hour"] = standing.CallsHourLeft,
        };

        var statistics = storage.GetMonitoringApi().GetStatistics();
        var hangfire = new Dictionary<string, long>(StringComparer.Ordinal)
        {
            ["enqueued"] = statistics.Enqueued,
            ["processing"] = statistics.Processing,
            ["scheduled"] = statistics.Scheduled,
            ["failed"] = statistics.Failed, // vocabulary: Hangfire's states
        };
        var (pending, dead) = await alerts.CountAsync(cancellationToken);
        return new StandingFigures(lastSuccess, attention, budget, hangfire)
        {
            AlertsOutbox = new Dictionary<string, long>(StringComparer.Ordinal) { [MetricLabels.OutboxPending] = pending, [MetricLabels.OutboxDead] = dead },
        };
    }
}
