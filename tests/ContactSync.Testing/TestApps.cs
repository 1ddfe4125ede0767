namespace ContactSync.Testing;

/// <summary>The apps built alongside the tests, as child processes configured the way every test needs them.</summary>
public static class TestApps
{
    /// <summary>The Sandbox, not started yet.</summary>
    public static SandboxProcess Sandbox(IEnumerable<string>? arguments = null) =>
        new(RepositoryLayout.AppDll("ContactSync.Sandbox"), arguments, WithTestDefaults(null));

    /// <summary>The worker, not started yet.</summary>
    public static ChildProcess Worker(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment) =>
        DotnetApp.Create(RepositoryLayout.AppDll("ContactSync.Worker"), arguments, WithTestDefaults(environment));

    private static Dictionary<string, string> WithTestDefaults(IReadOnlyDictionary<string, string>? environment)
    {
        var withDefaults = new Dictionary<string, string>(environment ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        // Server GC sizes heaps per core; several apps side by side on a small CI box need the workstation GC.
        withDefaults.TryAdd("DOTNET_gcServer", "0");
        return withDefaults;
    }
}
