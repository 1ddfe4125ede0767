using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ContactSync.Worker.Health;

public static class HealthRegistration
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";

    private const string ReadyTag = "ready";
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(3);

    public static IHostApplicationBuilder AddContactSyncHealth(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("postgresql", HealthStatus.Unhealthy, [ReadyTag], CheckTimeout)
            .AddCheck<HangfireStorageHealthCheck>("hangfire-storage", HealthStatus.Unhealthy, [ReadyTag], CheckTimeout);
        return builder;
    }

    /// <summary>
    /// Anonymous probes. Liveness checks nothing outside the process, so a database outage makes pods unready
    /// rather than restarting them all; readiness needs PostgreSQL and Hangfire's storage.
    /// </summary>
    public static WebApplication MapContactSyncHealth(this WebApplication app)
    {
        app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = static _ => false }).AllowAnonymous();
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = static check => check.Tags.Contains(ReadyTag) }).AllowAnonymous();
        return app;
    }
}
