using ContactSync.Worker.Database;
using Microsoft.Extensions.Hosting;

namespace ContactSync.Worker.Hangfire;

/// <summary>Prepares the database and the recurring jobs before Hangfire's server starts.</summary>
internal sealed class StorageStartup(SchemaSetup schema, RecurringJobRegistrar recurringJobs) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await schema.ApplyAsync(cancellationToken);
        await recurringJobs.ReconcileAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
