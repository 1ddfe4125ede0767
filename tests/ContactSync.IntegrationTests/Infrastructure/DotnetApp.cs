using System.Diagnostics;

namespace ContactSync.IntegrationTests.Infrastructure;

/// <summary>Builds the child process for one of our apps: <c>dotnet path/App.dll args</c>.</summary>
internal static class DotnetApp
{
    public static ChildProcess Create(
        string project, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment)
    {
        var dll = RepositoryLayout.AppDll(project);
        // The content root is the working directory: run from the output so appsettings.json is found.
        var startInfo = new ProcessStartInfo(Host) { WorkingDirectory = Path.GetDirectoryName(dll)! };
        startInfo.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        ChildEnvironment.Apply(startInfo.Environment, environment);
        return new ChildProcess(startInfo);
    }

    /// <summary>The same dotnet host that runs the tests, so the apps get the same runtime.</summary>
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
