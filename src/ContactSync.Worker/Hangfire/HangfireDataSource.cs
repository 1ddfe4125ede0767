using ContactSync.Worker.Database;
using Hangfire.PostgreSql;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ContactSync.Worker.Hangfire;

/// <summary>
/// Hangfire's connections come from their own pool, built from the product's connection string: Hangfire's
/// pollers cannot starve the sync of connections, they show under their own application name in
/// pg_stat_activity, and enlistment is off because Hangfire.PostgreSql refuses connections that enlist
/// in ambient transactions.
/// </summary>
internal sealed class HangfireDataSource : IConnectionFactory, IDisposable
{
    private readonly NpgsqlDataSource _dataSource;

    public HangfireDataSource(IOptions<ConnectionStringOptions> connectionStrings, IOptions<DatabasePoolOptions> pools)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionStrings.Value.ContactSync) { Name = "contactsync-hangfire" };
        builder.ConnectionStringBuilder.MaxPoolSize = pools.Value.HangfirePoolSize;
        builder.ConnectionStringBuilder.MinPoolSize = Math.Min(builder.ConnectionStringBuilder.MinPoolSize, pools.Value.HangfirePoolSize);
        builder.ConnectionStringBuilder.Enlist = false;
        builder.ConnectionStringBuilder.ApplicationName ??= "contactsync-hangfire";
        _dataSource = builder.WithDefaults().Build();
    }

    public NpgsqlConnection GetOrCreateConnection() => _dataSource.CreateConnection();

    public void Dispose() => _dataSource.Dispose();
}
