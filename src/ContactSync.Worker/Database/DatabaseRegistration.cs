using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ContactSync.Worker.Database;

public static class DatabaseRegistration
{
    /// <summary>One <see cref="NpgsqlDataSource"/> (one pool) for the product, Hangfire and the dashboard.</summary>
    public static IHostApplicationBuilder AddContactSyncDatabase(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(services =>
        {
            var connectionString = services.GetRequiredService<IOptions<ConnectionStringOptions>>().Value.ContactSync;
            return new NpgsqlDataSourceBuilder(connectionString)
            {
                Name = "contactsync",
            }
            .WithDefaults()
            .UseLoggerFactory(services.GetRequiredService<ILoggerFactory>())
            .Build();
        });
        builder.Services.AddSingleton<SchemaSetup>();
        return builder;
    }
}
