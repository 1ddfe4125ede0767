using ContactSync.Core.Alerts;
using ContactSync.Core.Runs;
using ContactSync.Core.Telemetry;
using ContactSync.Worker.Database;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Prometheus;

namespace ContactSync.Worker.Metrics;

public static class MetricsRegistration
{
    public const string Path = "/metrics";

    /// <summary>
    /// The product's series (<see cref="ContactSyncExporter"/>) and the gauges' figures, read from the database every
    /// 30 s (<see cref="StandingFiguresService"/>).
    /// </summary>
    public static WebApplicationBuilder AddContactSyncMetrics(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // The exporter publishes the ContactSync meter itself; the default adapter keeps every other meter (HTTP, Npgsql).
        Prometheus.Metrics.ConfigureMeterAdapter(adapter => adapter.InstrumentFilterPredicate = instrument => instrument.Meter.Name != ContactSyncMetrics.MeterName);
        builder.Services.TryAddSingleton(services => PoolServices.OnBackground<AlertOutbox>(services));
        builder.Services.AddSingleton(services => PoolServices.OnBackground<StandingFiguresService>(services, withRecords: true));
        builder.Services.AddHostedService(services => services.GetRequiredService<StandingFiguresService>());
        builder.Services.AddSingleton(services => new ContactSyncExporter(
            Prometheus.Metrics.DefaultRegistry,
            services.GetRequiredService<IOptions<ContactSyncOptions>>().Value.Sources.Select(source => source.Name).ToList()));
        return builder;
    }

    /// <summary>
    /// Prometheus's text format at <see cref="Path"/>, anonymous like the probes: the process and runtime figures and
    /// every .NET meter (HTTP client and server, Npgsql). It holds counts and timings only, never a contact's data. The
    /// Ingress does not publish it; the ServiceMonitor scrapes it inside the cluster.
    /// </summary>
    public static WebApplication MapContactSyncMetrics(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // Created now, not at the first scrape: what a run measures before anyone scrapes is counted too.
        var exporter = app.Services.GetRequiredService<ContactSyncExporter>();
        var figures = app.Services.GetRequiredService<StandingFiguresService>();
        Prometheus.Metrics.DefaultRegistry.AddBeforeCollectCallback(async cancellationToken =>
        {
            await figures.EnsureReadAsync(cancellationToken);
            exporter.Show(ContactSyncMetrics.Standing);
        });
        app.MapMetrics(Path).AllowAnonymous();
        return app;
    }
}
