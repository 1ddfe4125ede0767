using System.CommandLine;
using ContactSync.Core;
using ContactSync.Core.Runs;
using ContactSync.Core.Sources;
using ContactSync.Core.Sync;
using ContactSync.Worker.Configuration;
using Npgsql;

namespace ContactSync.Worker.Cli;

/// <summary>
/// The worker's command line on System.CommandLine (help, errors and completions come with it): <c>run</c> (the
/// default), <c>sync-once --source NAME</c>, <c>migrate</c>, <c>hash-password</c>. An unknown command or option is an error that runs nothing.
/// The failures an operator can fix become one line each on stderr with exit code 2; anything else propagates to
/// Program, which logs it in full.
/// </summary>
public static class WorkerCommandLine
{
    private const string SyncOnceDescription = """
        Migrate, run one sync of the source in this process, and print a summary. Exit 0: all synced; 1: records
        rejected or failed, or the run was skipped or aborted; 2: fatal (configuration, unknown source, database
        unreachable, or Nexudus refusing the credentials, a role or the base URL mid-run); 3: the Nexudus API budget is
        spent (the rest waits; run again later); 4: the run lost its lease on the source to another run, which carries on;
        5: held, Mirror would remove more contacts than the limits allow (nothing removed; see --confirm-removals).
        """;

    public static async Task<int> RunAsync(string[] args, Func<string[], Task<int>> runWorker)
    {
        ArgumentNullException.ThrowIfNull(runWorker);
        var (commandArgs, configuration) = HostArguments.Split(args);
        var stdout = Console.Out;
        var stderr = Console.Error;

        var urls = new Option<string?>("--urls") { Description = "Where the web host listens, e.g. http://0.0.0.0:8080 (default: ASPNETCORE_URLS)." };
        var source = new Option<string>("--source") { Description = "The configured source to sync (ContactSync:Sources:N:Name).", Required = true };
        var run = new Command("run", "Start the worker: Hangfire's server, the dashboards, the health probes and /metrics (the default command).") { urls };
        var confirmRemovals = new Option<bool>("--confirm-removals")
        {
            Description = "Mirror: remove what the run would remove even beyond MaxRemovals and MaxRemovalShare (a run without it stops as held).",
        };
        var dryRun = new Option<bool>("--dry-run")
        {
            Description = "Read the source and Nexudus (reads only, inside the budget) and print what the run would do: nothing is written anywhere.",
        };
        var companies = new Option<string[]>("--company")
        {
            Description = "Read only these companies (register numbers or CRM ids; repeat the option): a complete read of just them.",
            AllowMultipleArgumentsPerToken = true,
        };
        companies.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string[]>()?.Any(string.IsNullOrWhiteSpace) == true)
            {
                result.AddError("--company needs a company reference (a register number or CRM id), not an empty value.");
            }
        });
        var format = new Option<string>("--output") { Description = "With --dry-run: text (default) or json.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var syncOnce = new Command("sync-once", SyncOnceDescription) { source, confirmRemovals, companies, dryRun, format };
        var migrate = new Command("migrate", "Apply the product's migrations and install Hangfire's schema, then exit.");
        var hashPassword = new Command(
            "hash-password",
            "Read a dashboard password from standard input and print its hash for Dashboard:PasswordHash (PBKDF2-SHA256); needs no configuration.");
        var root = new RootCommand(
            """
            ContactSync keeps the key contacts of virtual-office companies right in Nexudus. Configuration comes from
            appsettings.json, environment variables (ConnectionStrings__ContactSync, Nexudus__BaseUrl, ...) and the
            command line as --Section:Key=value, e.g. --ContactSync:Sources:0:Schedule="0 * * * *".
            """)
        {
            run, syncOnce, migrate, hashPassword,
        };
        root.Options.Add(urls);

        Task<int> RunHost(ParseResult parsed) =>
            runWorker(parsed.GetValue(urls) is { } given ? [.. configuration, "--urls", given] : configuration);

        run.SetAction(RunHost);
        root.SetAction(RunHost);
        syncOnce.SetAction(parsed => OneShotAsync(signals => SyncOnceCommand.RunAsync(
            configuration,
            parsed.GetValue(source)!,
            new RunRequest(ConfirmRemovals: parsed.GetValue(confirmRemovals))
            {
                Scope = parsed.GetValue(companies) is { Length: > 0 } some ? SourceScope.OfCompanies(some) : SourceScope.All,
            },
            parsed.GetValue(dryRun) ? new DryRunOutput(Json: parsed.GetValue(format) == "json") : null,
            stdout,
            signals)));
        migrate.SetAction(_ => OneShotAsync(signals => MigrateCommand.RunAsync(configuration, stdout, signals)));
        hashPassword.SetAction(_ => HashPasswordCommand.RunAsync(Console.In, stdout, stderr, interactive: !Console.IsInputRedirected));

        var parsed = root.Parse(commandArgs);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await stderr.WriteLineAsync(error.Message);
            }

            await stderr.WriteLineAsync("Run with --help for the commands and their options.");
            return ExitCodes.Fatal;
        }

        try
        {
            // The host and the one-shot commands handle SIGTERM and Ctrl+C themselves (the host's shutdown must not be cut
            // short), so the command line installs no handler of its own.
            return await parsed.InvokeAsync(new InvocationConfiguration
            {
                Output = stdout,
                Error = stderr,
                EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = null,
            });
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

    private static async Task<int> OneShotAsync(Func<CancellationToken, Task<int>> command)
    {
        using var signals = new ShutdownSignals();
        return await command(signals.Token);
    }
}
