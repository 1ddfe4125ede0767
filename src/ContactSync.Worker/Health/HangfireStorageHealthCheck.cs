using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ContactSync.Worker.Health;

/// <summary>Hangfire's storage answers through its own connections, so a pod whose workers cannot fetch jobs is not ready.</summary>
internal sealed class HangfireStorageHealthCheck(JobStorage storage) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        => Task.Run(
            () =>
            {
                try
                {
                    using var connection = storage.GetConnection();
                    connection.GetAllItemsFromSet("recurring-jobs");
                    return HealthCheckResult.Healthy();
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    return HealthCheckResult.Unhealthy("Hangfire storage is unreachable.", ex);
                }
            },
            cancellationToken);
}
