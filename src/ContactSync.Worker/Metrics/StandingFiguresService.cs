using ContactSync.Core.Alerts;
using ContactSync.Core.Budget;
using ContactSync.Core.State;
using ContactSync.Core.Telemetry;
using Hangfire;
using Npgsql;

namespace ContactSync.Worker.Metrics;

/// <summary>
/// Reads where the sources stand every <see cref="Every"/> (last success, records not in step, the Nexudus budget
/// left, Hangfire's queues, the alerts outbox) and publishes it for the gauges, so a scrape never queries the database itself.
/// </summary>
internal sealed partial class StandingFiguresService(
    NpgsqlDataSource dataSource, RecordBrowser records, NexudusBudgetReader budgetReader, AlertOutbox alerts, JobStorage storage, TimeProvider time, ILogger<StandingFiguresService> logger)
    : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, time);
        do
        {
            try
            {
                ContactSyncMetrics.Publish(await ReadAsync(stoppingToken));
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
            {
                // The figures stay as last read; the readiness probe reports the database.
                ReadFailed(logger, e.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task<StandingFigures> ReadAsync(CancellationToken cancellationToken)
    {
        var lastSuccess = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        await using (var command = dataSource.CreateCommand(
                         "select source, max(finished_at) from sync_runs where status = 'succeeded' and finished_at is not null group by source"))
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
            ["failed"] = statistics.Failed,
        };
        var (pending, dead) = await alerts.CountAsync(cancellationToken);
        return new StandingFigures(lastSuccess, attention, budget, hangfire)
        {
            AlertsOutbox = new Dictionary<string, long>(StringComparer.Ordinal) { ["pending"] = pending, ["dead"] = dead },
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The standing figures for /metrics could not be read ({Error}); the last ones are kept")]
    private static partial void ReadFailed(ILogger logger, string error);
}
