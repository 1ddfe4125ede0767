using ContactSync.Core.Views;
using Npgsql;

namespace ContactSync.Worker.Database;

/// <summary>The pool a service is built on, for the registrations that put the dashboard and the background services on their own.</summary>
internal static class PoolServices
{
    public static NpgsqlDataSource Dashboard(IServiceProvider services) => services.GetRequiredKeyedService<NpgsqlDataSource>(DatabasePools.Dashboard);

    public static NpgsqlDataSource Background(IServiceProvider services) => services.GetRequiredKeyedService<NpgsqlDataSource>(DatabasePools.Background);

    /// <summary>The ledger's counts as the alerts and metrics read them, on the background pool (the pages read theirs on the dashboard's).</summary>
    public static RecordBrowser BackgroundRecords(IServiceProvider services) => services.GetRequiredKeyedService<RecordBrowser>(DatabasePools.Background);

    /// <summary>A <typeparamref name="T"/> whose connections (and ledger counts, if it takes them) come from the background pool.</summary>
    public static T OnBackground<T>(IServiceProvider services, bool withRecords = false)
        where T : class
        => withRecords
            ? ActivatorUtilities.CreateInstance<T>(services, Background(services), BackgroundRecords(services))
            : ActivatorUtilities.CreateInstance<T>(services, Background(services));
}
