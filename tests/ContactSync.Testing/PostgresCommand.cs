using System.Diagnostics;

namespace ContactSync.Testing;

/// <summary>Runs a PostgreSQL server binary; as the <c>postgres</c> user when we are root, since initdb and postgres refuse root.</summary>
internal static class PostgresCommand
{
    public const string ServerUser = "postgres";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    public static async Task<ProcessResult> RunAsync(
        string executable, IEnumerable<string> arguments, string workingDirectory, CancellationToken cancellationToken)
    {
        var startInfo = Posix.IsRoot ? AsServerUser(executable, arguments) : Direct(executable, arguments);
        startInfo.WorkingDirectory = workingDirectory;
        await using var process = new ChildProcess(startInfo);
        return await process.RunToExitAsync(Timeout, cancellationToken);
    }

    /// <summary>Runs and throws with the output unless the exit code is 0.</summary>
    public static async Task<ProcessResult> RunCheckedAsync(
        string executable, IEnumerable<string> arguments, string workingDirectory, CancellationToken cancellationToken)
    {
        var result = await RunAsync(executable, arguments, workingDirectory, cancellationToken);
        return result.ExitCode == 0
            ? result
            : throw new InvalidOperationException(
                $"{executable} {string.Join(' ', arguments)} exited with code {result.ExitCode}:{Environment.NewLine}{result.Output}");
    }

    /// <summary>Hands <paramref name="directory"/> to the server user, if we are root.</summary>
    public static async Task GiveToServerUserAsync(string directory, CancellationToken cancellationToken)
    {
        if (!Posix.IsRoot)
        {
            return;
        }

        var chown = Direct("chown", [ServerUser, directory]);
        await using var process = new ChildProcess(chown);
        var result = await process.RunToExitAsync(Timeout, cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"Cannot give {directory} to the '{ServerUser}' user (chown exited {result.ExitCode}): {result.Output}" +
                " Running as root needs a 'postgres' user; or set CONTACTSYNC_TEST_POSTGRES.");
        }
    }

    private static ProcessStartInfo Direct(string executable, IEnumerable<string> arguments)
    {
        var startInfo = new ProcessStartInfo(executable);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        return startInfo;
    }

    private static ProcessStartInfo AsServerUser(string executable, IEnumerable<string> arguments)
    {
        var runuser = new[] { "/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser" }.FirstOrDefault(File.Exists);
        if (runuser is not null)
        {
            return Direct(runuser, ["-u", ServerUser, "--", executable, .. arguments]);
        }

        var command = string.Join(' ', new[] { executable }.Concat(arguments).Select(ShellQuote));
        return Direct("su", [ServerUser, "-s", "/bin/sh", "-c", command]);
    }

    private static string ShellQuote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
