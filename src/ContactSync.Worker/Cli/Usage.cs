namespace ContactSync.Worker.Cli;

internal static class Usage
{
    public const string Text = """
        Usage: ContactSync.Worker [command] [options]

        Commands:
          run                      Start the worker: Hangfire server, dashboards and health probes (default).
          sync-once --source NAME  Migrate, run one sync of source NAME in this process, print a summary.
                                   Exit 0: all synced; 1: records rejected or failed, or run skipped/aborted;
                                   2: fatal (configuration, unknown source, database unreachable, or
                                      Nexudus refusing the credentials, a role or the base URL mid-run);
                                   3: the Nexudus API budget is spent (the rest waits; run again later);
                                   4: the run lost its hold on the source to another run, which carries on.
          migrate                  Apply the product's migrations and install Hangfire's schema, then exit.
          --help                   Show this help.

        Configuration comes from appsettings.json, environment variables and the command line, e.g.
          ConnectionStrings__ContactSync, Nexudus__BaseUrl, ContactSync__Sources__0__Name,
          or --ContactSync:Sources:0:Schedule="0 * * * *". The web host listens on ASPNETCORE_URLS or --urls.
        """;

    public static void Write(TextWriter writer) => writer.WriteLine(Text);
}
