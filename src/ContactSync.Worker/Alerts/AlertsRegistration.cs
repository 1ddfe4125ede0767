using ContactSync.Core.Alerts;
using ContactSync.Worker.Database;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ContactSync.Worker.Alerts;

public static class AlertsRegistration
{
    /// <summary>
    /// Alerts for the host (docs/alerts-and-metrics.md): conditions evaluated after each run and on a timer, announced once each
    /// way through the outbox, delivered to a signed webhook and/or Slack. The <c>Alerts</c> section is checked at start
    /// with the rest of the configuration; without a target the services say the feature is off and stop.
    /// </summary>
    public static IHostApplicationBuilder AddContactSyncAlerts(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        // On the background pool, with the metrics: alerts keep working while the dashboard is busy.
        services.TryAddSingleton<AlertWakeups>();
        services.TryAddSingleton(provider => PoolServices.OnBackground<AlertOutbox>(provider));
        services.AddSingleton(provider => PoolServices.OnBackground<AlertStates>(provider));
        services.AddSingleton(provider => PoolServices.OnBackground<AlertEvaluator>(provider, withRecords: true));
        services.AddSingleton<AlertSender>();
        services.AddSingleton<AlertDelivery>();

        // No resilience handler (the outbox retries), no redirects (a signed alert goes only where configured) and no
        // request logging (it would log the URL, which for Slack is the credential).
        services.AddHttpClient(AlertSender.ClientName, http =>
            {
                http.Timeout = Timeout.InfiniteTimeSpan;
                http.DefaultRequestHeaders.UserAgent.ParseAdd("ContactSync-Alerts/1.0");
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .RemoveAllLoggers();

        services.AddHostedService<AlertEvaluationService>();
        services.AddHostedService<AlertDispatchService>();
        return builder;
    }
}
