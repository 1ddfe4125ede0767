using ContactSync.Core.Runs;
using ContactSync.Worker.Jobs;
using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ContactSync.Worker.Hangfire;

public static class HangfireRegistration
{
    /// <summary>
    /// Shutdown ordering on SIGTERM: Hangfire's server waits <see cref="HangfireSettings.ShutdownTimeout"/> (20 s) for
    /// running jobs, inside the host's 25 s, inside Kubernetes' 30 s grace period. Each layer gets to finish before
    /// the next one kills it, so a job sees its cancellation token and records where it stopped.
    /// </summary>
    public static readonly TimeSpan HostShutdownTimeout = TimeSpan.FromSeconds(25);

    public static IHostApplicationBuilder AddContactSyncHangfire(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = HostShutdownTimeout);
        builder.Services.AddSingleton<HangfireDataSource>();
        builder.Services.AddSingleton(services => CreateStorageOptions(services.GetRequiredService<IOptions<HangfireSettings>>().Value));
        builder.Services.AddHangfire((services, configuration) =>
        {
            ReplaceDefaultRetryFilter(configuration);
            configuration
                .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings()
                .UsePostgreSqlStorage(
                    bootstrap => bootstrap.UseConnectionFactory(services.GetRequiredService<HangfireDataSource>()),
                    services.GetRequiredService<PostgreSqlStorageOptions>());
        });

        builder.Services.AddTransient<SyncSourceJob>();
        builder.Services.AddTransient<DryRunJob>();
        builder.Services.AddSingleton<RecurringJobRegistrar>();

        // Registered before the server: hosted services start in order, so the schema and the recurring jobs
        // exist before Hangfire's workers and scheduler first touch them.
        builder.Services.AddHostedService<StorageStartup>();
        builder.Services.AddHangfireServer((services, server) =>
        {
            var settings = services.GetRequiredService<IOptions<HangfireSettings>>().Value;
            var sources = services.GetRequiredService<IOptions<ContactSyncOptions>>().Value.Sources.Count;
            server.WorkerCount = settings.WorkersFor(sources);
            var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HangfireRegistration));
            if (server.WorkerCount < sources)
            {
                HangfireLogMessages.FewerWorkersThanSources(logger, server.WorkerCount, sources);
            }
            else
            {
                HangfireLogMessages.Workers(logger, server.WorkerCount, sources);
            }
            server.Queues = [SyncSourceJob.Queue, "default"];
            server.ShutdownTimeout = settings.ShutdownTimeout;
            server.StopTimeout = settings.StopTimeout;
        });
        return builder;
    }

    /// <summary>The one options object the storage is built with (options given only to a factory are silently ignored).</summary>
    internal static PostgreSqlStorageOptions CreateStorageOptions(HangfireSettings settings) => new()
    {
        SchemaName = HangfireSettings.SchemaName,

        // Installed once, under an advisory lock, by SchemaSetup; replicas preparing it themselves race.
        PrepareSchemaIfNecessary = false,
        UseSlidingInvisibilityTimeout = true,
        InvisibilityTimeout = settings.InvisibilityTimeout,
        DistributedLockTimeout = settings.DistributedLockTimeout,
        QueuePollInterval = settings.QueuePollInterval,
        EnableLongPolling = false,

        // A pod whose storage is gone must not report ready and quietly do nothing.
        AllowDegradedModeWithoutStorage = false,
    };

    // Hangfire's default of 10 attempts spreads retries of a whole run over hours; a run retries little and the
    // per-record retry lives in the sync ledger instead.
    private static void ReplaceDefaultRetryFilter(IGlobalConfiguration configuration)
    {
        foreach (var existing in GlobalJobFilters.Filters.Where(filter => filter.Instance is AutomaticRetryAttribute).ToList())
        {
            GlobalJobFilters.Filters.Remove(existing.Instance);
        }

        configuration.UseFilter(new AutomaticRetryAttribute { Attempts = 2 });
        if (!GlobalJobFilters.Filters.Any(filter => filter.Instance is CurrentJob))
        {
            configuration.UseFilter(new CurrentJob());
        }
    }
}
