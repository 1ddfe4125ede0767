using ContactSync.Core.Contracts;
using ContactSync.Core.Drift;
using ContactSync.Core.DryRun;
using ContactSync.Core.Ingest;
using ContactSync.Core.Mirror;
using ContactSync.Core.Nexudus.Budget;
using ContactSync.Core.Nexudus.Http;
using ContactSync.Core.Postgres;
using ContactSync.Core.Push;
using ContactSync.Core.Runs;
using ContactSync.Core.Sync;
using ContactSync.Core.Views;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace ContactSync.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>
    /// Everything Core offers a host, in one call: its options bound from configuration and validated at start
    /// (<c>ContactSync</c>, <c>Nexudus</c>), the sync's services, the Nexudus client, and the API budget shared through
    /// PostgreSQL by every replica. The caller registers an <c>NpgsqlDataSource</c>.
    /// </summary>
    public static IHostApplicationBuilder AddContactSyncCore(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<ContactSyncOptions>()
            .BindConfiguration(ContactSyncOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<ContractResolutionOptions>()
            .BindConfiguration(ContractResolutionOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddContactSyncCore();
        builder.Services.AddNexudusClient();
        builder.Services.AddSharedNexudusBudget();
        return builder;
    }

    /// <summary>
    /// Registers sources, mapping, state and the sync runner. The caller registers an <c>NpgsqlDataSource</c>
    /// and the Nexudus client (<c>AddNexudusClient</c>).
    /// </summary>
    public static IServiceCollection AddContactSyncCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<DatabaseMigrator>();
        services.AddSingleton<IngestStore>();
        services.AddSingleton<ClaimStore>();
        services.AddSingleton<ContactSettlements>();
        services.AddSingleton<PlacementStore>();
        services.AddSingleton<DriftStore>();
        services.AddSingleton<MirrorStore>();
        services.AddSingleton<LedgerReader>();
        services.AddSingleton<SyncRunStore>();
        services.AddSingleton<DryRunPlans>();
        services.AddSingleton<RunDetails>();
        services.AddSingleton<NexudusBudgetReader>();
        services.AddSingleton<SourceResolver>();
        services.AddSingleton<ContractResolver>();
        services.AddSingleton<Sources.Sumsub.SumsubEvents>();
        services.AddContactSources();
        services.AddSingleton<CountryCache>();
        services.TryAddSingleton<NexudusBudgetWaits>();
        services.AddSingleton<SyncRunner>();
        services.AddSingleton<SyncPlanner>();
        return services;
    }
}
