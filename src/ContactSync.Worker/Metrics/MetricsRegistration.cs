using ContactSync.Core.Alerts;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Prometheus;

namespace ContactSync.Worker.Metrics;

public static class MetricsRegistration
{
    public const string Path = "/metrics";

    /// <summary>The gauges' figures, read from the database every 30 s (<see cref="StandingFiguresService"/>).</summary>
    public static WebApplicationBuilder AddContactSyncMetrics(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<AlertOutbox>();
        builder.Services.AddHostedService<StandingFiguresService>();
        return builder;
    }

    /// <summary>
    /// Prometheus's text format at <see cref="Path"/>, anonymous like the probes: the process and runtime figures and
    /// every .NET meter (HTTP client and server, Npgsql). It holds counts and timings only, never a contact's data. The
    /// Ingress does not publish it; the ServiceMonitor scrapes it inside the cluster.
    /// </summary>
    public static WebApplication MapContactSyncMetrics(this WebApplication app)
    {
        app.MapMetrics(Path).AllowAnonymous();
        return app;
    }
}
