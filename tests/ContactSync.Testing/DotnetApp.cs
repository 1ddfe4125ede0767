using System.Diagnostics;

namespace ContactSync.Testing;

/// <summary>Builds the child process for one of our apps: <c>dotnet path/App.dll args</c>, not yet started.</summary>
public static class DotnetApp
{
    /// <param name="dll">The app's built assembly.</param>
    /// <param name="environment">All the configuration the app gets (see <see cref="ChildEnvironment"/>).</param>
    /// <param name="logPath">A file that gets the app's output as it comes, if given.</param>
    public static ChildProcess Create(
        string dll, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment, string? logPath = null)
    {
        // The content root is the working directory: run from the output so appsettings.json is found.
        var startInfo = new ProcessStartInfo(Host) { WorkingDirectory = Path.GetDirectoryName(dll)! };
        startInfo.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        ChildEnvironment.Apply(startInfo.Environment, environment);
        return new ChildProcess(startInfo, logPath);
    }

    /// <summary>The same dotnet host that runs this process, so the apps get the same runtime.</summary>
    private static string Host
    {
        get
        {
            var fromSdk = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
            if (!string.IsNullOrEmpty(fromSdk) && File.Exists(fromSdk))
            {
                return fromSdk;
            }

            var current = Environment.ProcessPath;
            return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
        }
    }
}
