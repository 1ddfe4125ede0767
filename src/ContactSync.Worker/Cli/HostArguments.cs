namespace ContactSync.Worker.Cli;

/// <summary>
/// Configuration given on the command line (<c>--Section:Key=value</c> or <c>--Section:Key value</c>), which goes to the
/// host's configuration as it is. Everything else is the command line's to parse, strictly: an option nobody knows is
/// an error, never silently ignored.
/// </summary>
internal static class HostArguments
{
    public static (string[] Command, string[] Configuration) Split(IReadOnlyList<string> args)
    {
        var command = new List<string>();
        var configuration = new List<string>();
        for (var index = 0; index < args.Count; index++)
        {
            var arg = args[index];
            if (!IsConfigurationKey(arg))
            {
                command.Add(arg);
                continue;
            }

            configuration.Add(arg);
            if (!arg.Contains('=', StringComparison.Ordinal) && index + 1 < args.Count)
            {
                configuration.Add(args[++index]);
            }
        }

        return ([.. command], [.. configuration]);
    }

    // A key has a section: "--ContactSync:Sources:0:Schedule". Options of the command line itself have none.
    private static bool IsConfigurationKey(string arg)
    {
        if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length < 3)
        {
            return false;
        }

        var name = arg[2..].Split('=', 2)[0];
        return name.Contains(':', StringComparison.Ordinal);
    }
}
