using ContactSync.Core;
using ContactSync.Core.Nexudus;

namespace ContactSync.Worker.Configuration;

public static class CoreRegistration
{
    /// <summary>The product's logic: sources, mapping, state, the runner and the Nexudus client.</summary>
    public static IHostApplicationBuilder AddContactSyncCoreServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddContactSyncCore();
        builder.Services.AddNexudusClient();

        // Every replica spends one API budget, kept in PostgreSQL next to the ledger.
        builder.Services.AddSharedNexudusBudget();
        return builder;
    }
}
