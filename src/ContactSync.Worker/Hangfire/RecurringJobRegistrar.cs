using ContactSync.Core.Postgres;
using ContactSync.Core.Runs;
using ContactSync.Worker.Database;
using ContactSync.Worker.Jobs;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ContactSync.Worker.Hangfire;

/// <summary>
/// Makes Hangfire's recurring jobs match <c>ContactSync:Sources</c>: one <c>sync:{name}</c> job per source, and
/// none for sources that were removed. Replicas starting together take turns under an advisory lock, because
/// concurrent <c>AddOrUpdate</c> calls fail with serialization errors on this storage.
/// </summary>
internal sealed class RecurringJobRegistrar(
    NpgsqlDataSource dataSource,
    IRecurringJobManager recurringJobs,
    JobStorage storage,
    IOptions<ContactSyncOptions> options,
    TimeProvider timeProvider,
    ILogger<RecurringJobRegistrar> logger)
{
    public const string IdPrefix = "sync:";

    private const int Attempts = 5;

    public async Task ReconcileAsync(CancellationToken cancellationToken)
    {
        await using var held = await HeldAdvisoryLock.AcquireAsync(dataSource, AdvisoryLockKeys.RecurringJobs, cancellationToken);

        var configured = new HashSet<string>(StringComparer.Ordinal);
        foreach (var source in options.Value.Sources)
        {
            var id = IdPrefix + source.Name;
            var name = source.Name;
            configured.Add(id);
            await RetryOnSerializationFailureAsync(
                () => recurringJobs.AddOrUpdate<SyncSourceJob>(
                    id,
                    SyncSourceJob.Queue,
                    job => job.RunAsync(name, CancellationToken.None),
                    source.Schedule,
                    new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc, MisfireHandling = MisfireHandlingMode.Relaxed }),
                cancellationToken);
            HangfireLogMessages.RecurringJobRegistered(logger, id, source.Schedule);
        }

        List<RecurringJobDto> existing;
        using (var connection = storage.GetConnection())
        {
            existing = connection.GetRecurringJobs();
        }

        foreach (var stale in existing.Where(job => job.Id.StartsWith(IdPrefix, StringComparison.Ordinal) && !configured.Contains(job.Id)))
        {
            await RetryOnSerializationFailureAsync(() => recurringJobs.RemoveIfExists(stale.Id), cancellationToken);
            HangfireLogMessages.RecurringJobRemoved(logger, stale.Id);
        }
    }

    // The lock orders the replicas, but Hangfire's own scheduler can still touch the same rows.
    private async Task RetryOnSerializationFailureAsync(Action action, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                action();
                return;
            }
            catch (Exception ex) when (attempt < Attempts && IsSerializationFailure(ex))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), timeProvider, cancellationToken);
            }
        }
    }

    private static bool IsSerializationFailure(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is PostgresException { SqlState: PostgresErrorCodes.SerializationFailure })
            {
                return true;
            }
        }

        return false;
    }
}
