using ContactSync.Worker.Database;

namespace ContactSync.Worker.Cli;

/// <summary><c>migrate</c>: bring the database up to this build, for a Kubernetes Job run before a rollout.</summary>
internal static class MigrateCommand
{
    public static async Task<int> RunAsync(string[] hostArgs, TextWriter output, CancellationToken cancellationToken)
    {
        using var host = OneShotHost.Build(hostArgs);
        await host.Services.GetRequiredService<SchemaSetup>().ApplyAsync(cancellationToken);
        await output.WriteLineAsync("Database migrated: product migrations applied, Hangfire schema installed.");
        return ExitCodes.Success;
    }
}
