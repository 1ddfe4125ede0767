using ContactSync.Core.State;
using ContactSync.Core.Sync;
using Microsoft.Extensions.Options;

namespace ContactSync.Worker.Cli;

/// <summary><c>sync-once --source NAME</c>: one run in this process, for operators and scripts.</summary>
internal static class SyncOnceCommand
{
    public static async Task<int> RunAsync(string[] hostArgs, string sourceName, RunRequest request, TextWriter output, CancellationToken cancellationToken)
    {
        using var host = OneShotHost.Build(hostArgs);
        var sources = host.Services.GetRequiredService<IOptions<ContactSyncOptions>>().Value.Sources;
        if (!sources.Exists(source => string.Equals(source.Name, sourceName, StringComparison.Ordinal)))
        {
            throw new UnknownSourceException(sourceName, sources.Select(source => source.Name));
        }

        await host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        var summary = await host.Services.GetRequiredService<SyncRunner>().RunAsync(sourceName, "cli", cancellationToken, request);
        await SyncSummaryWriter.WriteAsync(output, summary, cancellationToken);
        return ExitCodes.For(summary);
    }
}
