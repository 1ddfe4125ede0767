using ContactSync.Core.State;
using ContactSync.Core.Sync;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ContactSync.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers sources, mapping, state and the sync runner. The caller registers an <c>NpgsqlDataSource</c>
    /// and the Nexudus client (<c>AddNexudusClient</c>).
    /// </summary>
    public static IServiceCollection AddContactSyncCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<DatabaseMigrator>();
        services.AddSingleton<SyncRecordStore>();
        services.AddSingleton<SyncRunStore>();
        services.AddSingleton<SourceResolver>();
        services.AddSingleton<CountryCache>();
        services.AddSingleton<SyncRunner>();
        return services;
    }
}
