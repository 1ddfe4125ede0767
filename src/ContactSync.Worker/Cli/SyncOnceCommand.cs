using ContactSync.Core.DryRun;
using ContactSync.Core.Postgres;
using ContactSync.Core.Runs;
using ContactSync.Core.Sync;
using ContactSync.Core.Views;
using Microsoft.Extensions.Options;

namespace ContactSync.Worker.Cli;

/// <summary><c>sync-once --source NAME</c>: one run in this process, for operators and scripts.</summary>
internal static class SyncOnceCommand
{
    public static async Task<int> RunAsync(
        string[] hostArgs, string sourceName, RunRequest request, DryRunOutput? dryRun, TextWriter output, CancellationToken cancellationToken)
    {
        using var host = OneShotHost.Build(hostArgs);
        var sources = host.Services.GetRequiredService<IOptions<ContactSyncOptions>>().Value.Sources;
        if (!sources.Exists(source => string.Equals(source.Name, sourceName, StringComparison.Ordinal)))
        {
            throw new UnknownSourceException(sourceName, sources.Select(source => source.Name));
        }

        await host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        if (dryRun is not null)
        {
            var plan = await host.Services.GetRequiredService<SyncPlanner>().PlanAsync(sourceName, cancellationToken, request);
            await SyncPlanWriter.WriteAsync(output, plan, dryRun.Json, cancellationToken);
            return ExitCodes.Success;
        }

        var services = host.Services;
        var progress = new SyncProgressLine(
            services.GetRequiredService<Npgsql.NpgsqlDataSource>(), services.GetRequiredService<RunDetails>(),
            services.GetRequiredService<Core.Nexudus.Budget.NexudusBudgetReader>(), services.GetRequiredService<TimeProvider>(), Console.Error, terminal: !Console.IsErrorRedirected);
        using var stopProgress = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var showing = progress.ShowAsync(sourceName, services.GetRequiredService<TimeProvider>().GetUtcNow().AddSeconds(-5), stopProgress.Token);
        SyncRunSummary summary;
        try
        {
            summary = await services.GetRequiredService<SyncRunner>().RunAsync(sourceName, "cli", cancellationToken, request);
        }
        finally
        {
            await stopProgress.CancelAsync();
            await showing;
        }

        await SyncSummaryWriter.WriteAsync(output, summary, cancellationToken);
        return ExitCodes.For(summary);
    }
}

/// <summary>How <c>sync-once --dry-run</c> prints its plan.</summary>
internal sealed record DryRunOutput(bool Json);
