namespace ContactSync.Testing;

/// <summary>
/// The worker running as its own process, configured only through the given environment variables
/// (e.g. <c>ConnectionStrings__ContactSync</c>, <c>Nexudus__BaseUrl</c>, <c>ContactSync__Sources__0__Path</c>).
/// </summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;

    public WorkerProcess(IReadOnlyDictionary<string, string>? environment = null, params IEnumerable<string> arguments)
    {
        _process = TestApps.Worker(arguments, environment);
    }

    public ChildProcess Process => _process;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string StandardOutput => _process.StandardOutput;

    public string StandardError => _process.StandardError;

    /// <summary>Runs a one-shot command; killed and <see cref="TimeoutException"/> on timeout.</summary>
    public Task<ProcessResult> RunToExitAsync(TimeSpan timeout, CancellationToken cancellationToken = default) =>
        _process.RunToExitAsync(timeout, cancellationToken);

    /// <summary>Starts long-running host mode; returns at once.</summary>
    public void Start() => _process.Start();

    /// <summary>SIGKILL to the worker and its descendants: the crash a test recovers from.</summary>
    public void Kill() => _process.Kill();

    /// <summary>SIGTERM: graceful shutdown, as Kubernetes asks for it.</summary>
    public void SignalTerm() => _process.SignalTerm();

    public Task<int> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken = default) =>
        _process.WaitForExitAsync(timeout, cancellationToken);

    public Task WaitForOutputAsync(string fragment, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        _process.WaitForOutputAsync(fragment, timeout, cancellationToken);

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
