using ContactSync.Core.Views;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ContactSync.Worker.Database;

public static class DatabaseRegistration
{
    /// <summary>
    /// A pool each for the sync (the unkeyed <see cref="NpgsqlDataSource"/>), the dashboard and the background services
    /// (<see cref="DatabasePools"/>); Hangfire builds its own (<c>HangfireDataSource</c>). Sized by <see cref="DatabasePoolOptions"/>.
    /// </summary>
    public static IHostApplicationBuilder AddContactSyncDatabase(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabasePoolOptions>()
            .BindConfiguration(DatabasePoolOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton(services => Build(services, "contactsync", pools => pools.SyncPoolSize));
        builder.Services.AddKeyedSingleton(DatabasePools.Dashboard, (services, _) => Build(services, DatabasePools.Dashboard, pools => pools.DashboardPoolSize));
        builder.Services.AddKeyedSingleton(DatabasePools.Background, (services, _) => Build(services, DatabasePools.Background, pools => pools.BackgroundPoolSize));
        builder.Services.AddKeyedSingleton(DatabasePools.Background, (services, _) => new RecordBrowser(PoolServices.Background(services)));
        builder.Services.AddSingleton<ConnectionBudgetCheck>();
        builder.Services.AddSingleton<SchemaSetup>();
        return builder;
    }

    private static NpgsqlDataSource Build(IServiceProvider services, string name, Func<DatabasePoolOptions, int> size)
    {
        var connectionString = services.GetRequiredService<IOptions<ConnectionStringOptions>>().Value.ContactSync;
        var builder = new NpgsqlDataSourceBuilder(connectionString) { Name = name };
        builder.ConnectionStringBuilder.MaxPoolSize = size(services.GetRequiredService<IOptions<DatabasePoolOptions>>().Value);
        builder.ConnectionStringBuilder.MinPoolSize = Math.Min(builder.ConnectionStringBuilder.MinPoolSize, builder.ConnectionStringBuilder.MaxPoolSize);
        builder.ConnectionStringBuilder.ApplicationName ??= name;
        return builder.WithDefaults().UseLoggerFactory(services.GetRequiredService<ILoggerFactory>()).Build();
    }
}
