namespace ContactSync.Benchmarks.Processes;

/// <summary>The Sandbox as a benchmark runs it: quiet, with its log in the work directory.</summary>
internal static class BenchmarkSandbox
{
    /// <summary>Starts the Sandbox with <paramref name="switches"/> and waits until it is healthy.</summary>
    public static async Task<SandboxProcess> StartAsync(
        BenchmarkSettings settings, string name, IEnumerable<string> switches, CancellationToken cancellationToken)
    {
        var sandbox = new SandboxProcess(
            settings.SandboxDll,
            switches,
            new Dictionary<string, string>(StringComparer.Ordinal) { ["Logging__LogLevel__Default"] = "Warning" },
            Path.Combine(settings.WorkDirectory, $"sandbox-{name}.log"));
        try
        {
            await sandbox.StartAsync(cancellationToken);
            return sandbox;
        }
        catch
        {
            await sandbox.DisposeAsync();
            throw;
        }
    }
}
