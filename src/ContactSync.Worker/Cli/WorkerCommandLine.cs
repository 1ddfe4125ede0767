using ContactSync.Core.Sync;
using ContactSync.Worker.Configuration;
using ContactSync.Worker.Jobs;
using Npgsql;

namespace ContactSync.Worker.Cli;

/// <summary>
/// Dispatches the verb and turns the failures an operator can fix into one line each on stderr with exit code 2.
/// Anything else propagates to Program, which logs it in full.
/// </summary>
public static class WorkerCommandLine
{
    public static async Task<int> RunAsync(string[] args, Func<string[], Task<int>> runWorker)
    {
        var command = CommandLineParser.Parse(args);
        var stdout = Console.Out;
        var stderr = Console.Error;
        try
        {
            switch (command.Verb)
            {
                case Verb.Help:
                    Usage.Write(stdout);
                    return ExitCodes.Success;
                case Verb.Invalid:
                    await stderr.WriteLineAsync(command.Error);
                    Usage.Write(stderr);
                    return ExitCodes.Fatal;
                case Verb.Run:
                    return await runWorker(command.HostArgs);
                default:
                    using (var signals = new ShutdownSignals())
                    {
                        return command.Verb == Verb.SyncOnce
                            ? await SyncOnceCommand.RunAsync(command.HostArgs, command.Source!, stdout, signals.Token)
                            : await MigrateCommand.RunAsync(command.HostArgs, stdout, signals.Token);
                    }
            }
        }
        catch (Exception ex) when (ConfigurationProblems.TryDescribe(ex, out var problems))
        {
            foreach (var problem in problems)
            {
                await stderr.WriteLineAsync(problem);
            }

            return ExitCodes.Fatal;
        }
        catch (UnknownSourceException ex)
        {
            await stderr.WriteLineAsync(ConfigurationProblems.Prefix + ex.Message);
            return ExitCodes.Fatal;
        }
        catch (NpgsqlException ex)
        {
            // Npgsql's messages name the host and the failure, never the password.
            await stderr.WriteLineAsync($"Database error: {ex.Message}{(ex.InnerException is { } inner ? $" ({inner.Message})" : "")}");
            return ExitCodes.Fatal;
        }
        catch (OperationCanceledException)
        {
            // SIGTERM or Ctrl-C: a run in progress has recorded itself as aborted, and the next run resumes it.
            await stderr.WriteLineAsync("Cancelled: the run stopped early and was recorded as aborted; the next run resumes it.");
            return ExitCodes.Incomplete;
        }
    }
}
