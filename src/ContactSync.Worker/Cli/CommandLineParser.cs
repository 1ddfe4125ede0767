namespace ContactSync.Worker.Cli;

/// <summary>Reads the verb from <c>args[0]</c>; everything else is left to the host's command-line configuration.</summary>
internal static class CommandLineParser
{
    private static readonly string[] HelpFlags = ["--help", "-h", "-?", "help"];

    public static ParsedCommand Parse(string[] args)
    {
        if (args.Length == 0)
        {
            return new ParsedCommand(Verb.Run, []);
        }

        if (args.Any(arg => HelpFlags.Contains(arg, StringComparer.OrdinalIgnoreCase)))
        {
            return new ParsedCommand(Verb.Help, []);
        }

        var rest = args[1..];
        return args[0] switch
        {
            "run" => new ParsedCommand(Verb.Run, rest),
            "migrate" => new ParsedCommand(Verb.Migrate, rest),
            "sync-once" => ParseSyncOnce(rest),

            // No verb: options such as --urls go straight to the web host.
            var first when first.StartsWith('-') => new ParsedCommand(Verb.Run, args),
            var unknown => new ParsedCommand(Verb.Invalid, [], Error: $"Unknown command '{unknown}'."),
        };
    }

    private static ParsedCommand ParseSyncOnce(string[] args)
    {
        const string Flag = "--source";
        string? source = null;
        var hostArgs = new List<string>();
        for (var index = 0; index < args.Length; index++)
        {
            if (args[index] == Flag && index + 1 < args.Length)
            {
                source = args[++index];
            }
            else if (args[index].StartsWith(Flag + "=", StringComparison.Ordinal))
            {
                source = args[index][(Flag.Length + 1)..];
            }
            else
            {
                hostArgs.Add(args[index]);
            }
        }

        return string.IsNullOrWhiteSpace(source)
            ? new ParsedCommand(Verb.Invalid, [], Error: "sync-once needs --source NAME.")
            : new ParsedCommand(Verb.SyncOnce, [.. hostArgs], source);
    }
}
