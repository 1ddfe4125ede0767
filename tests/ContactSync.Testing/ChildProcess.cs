using System.Diagnostics;

namespace ContactSync.Testing;

/// <summary>
/// A child process with its stdout and stderr captured (and, if asked, written to a log file as they come); its
/// whole tree is killed on dispose, so a failing test or an interrupted benchmark never leaves a worker, sandbox
/// or server behind.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private const int ShownOutputChars = 12_000;
    private static readonly TimeSpan DisposeExitWait = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly OutputCapture _stdout = new();
    private readonly OutputCapture _stderr = new();
    private StreamWriter? _log;
    private readonly Lock _logGate = new();
    private bool _started;
    private int? _exitCodeAtDispose;

    /// <param name="logPath">A file that gets both streams' lines, appended, as they are read.</param>
    public ChildProcess(ProcessStartInfo startInfo, string? logPath = null)
    {
        ArgumentNullException.ThrowIfNull(startInfo);
        startInfo.UseShellExecute = false;
        startInfo.RedirectStandardInput = true;
        startInfo.RedirectStandardOutput = true;
        startInfo.RedirectStandardError = true;
        Name = Path.GetFileName(startInfo.FileName) + " " + string.Join(' ', startInfo.ArgumentList);
        _process = new Process { StartInfo = startInfo };
        _log = logPath is null ? null : new StreamWriter(logPath, append: true) { AutoFlush = true };
        _process.OutputDataReceived += (_, e) => Append(_stdout, e.Data);
        _process.ErrorDataReceived += (_, e) => Append(_stderr, e.Data);
    }

    /// <summary>The command line, for messages.</summary>
    public string Name { get; }

    public int Id => _process.Id;

    public bool HasExited => _exitCodeAtDispose is not null || (_started && _process.HasExited);

    public int ExitCode => _exitCodeAtDispose ?? _process.ExitCode;

    public string StandardOutput => _stdout.Text;

    public string StandardError => _stderr.Text;

    public void Start()
    {
        if (_started)
        {
            throw new InvalidOperationException($"{Name} was already started.");
        }

        _process.Start();
        _started = true;
        // Nothing is ever typed to a child: an open stdin would only let it wait on the test runner's.
        _process.StandardInput.Close();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Starts the process and waits for it to exit; on timeout it is killed and <see cref="TimeoutException"/> thrown.</summary>
    public async Task<ProcessResult> RunToExitAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        Start();
        try
        {
            var exitCode = await WaitForExitAsync(timeout, cancellationToken);
            return new ProcessResult(exitCode, StandardOutput, StandardError);
        }
        finally
        {
            await KillAndWaitAsync();
        }
    }

    /// <summary>Waits until the process has exited and its output is fully read; returns the exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{Name} did not exit within {timeout.TotalSeconds:0.#} s.{DescribeOutput()}");
        }

        return _process.ExitCode;
    }

    /// <summary>Waits until stdout or stderr contains <paramref name="fragment"/>; fails at once if the process exits first.</summary>
    public async Task WaitForOutputAsync(string fragment, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        try
        {
            await Eventually.WaitUntilAsync(
                async () =>
                {
                    if (Contains(fragment))
                    {
                        return true;
                    }

                    if (await HasExitedAndDrainedAsync() && !Contains(fragment))
                    {
                        throw Exited($"before writing \"{fragment}\"");
                    }

                    return Contains(fragment);
                },
                timeout,
                $"{Name} writes \"{fragment}\"",
                cancellationToken);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException(ex.Message + DescribeOutput(), ex);
        }
    }

    /// <summary>Throws, with the captured output, if the process has exited; <paramref name="when"/> completes the message.</summary>
    public async Task ThrowIfExitedAsync(string when)
    {
        if (await HasExitedAndDrainedAsync())
        {
            throw Exited(when);
        }
    }

    /// <summary>SIGTERM: the graceful shutdown a container runtime asks for.</summary>
    public void SignalTerm()
    {
        if (!_started)
        {
            throw new InvalidOperationException($"{Name} was never started.");
        }

        Posix.SendSignal(_process.Id, Posix.SigTerm);
    }

    /// <summary>SIGKILL to the process and all its descendants; no-op if it is not running.</summary>
    public void Kill()
    {
        if (_started && !_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
    }

    public string DescribeOutput() =>
        $"{Environment.NewLine}--- stdout of {Name} ---{Environment.NewLine}{Tail(StandardOutput)}" +
        $"{Environment.NewLine}--- stderr ---{Environment.NewLine}{Tail(StandardError)}";

    public async ValueTask DisposeAsync()
    {
        await KillAndWaitAsync();
        if (_started && _process.HasExited)
        {
            _exitCodeAtDispose = _process.ExitCode;
        }

        _process.Dispose();
        lock (_logGate)
        {
            // A killed process whose pipes are still held open may yet send a line; it is dropped, not written.
            _log?.Dispose();
            _log = null;
        }
    }

    private void Append(OutputCapture capture, string? line)
    {
        capture.Append(line);
        if (line is null)
        {
            return;
        }

        lock (_logGate)
        {
            _log?.WriteLine(line);
        }
    }

    private async Task KillAndWaitAsync()
    {
        if (!_started || _exitCodeAtDispose is not null)
        {
            return;
        }

        Kill();
        using var deadline = new CancellationTokenSource(DisposeExitWait);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            // Killed, but something still holds its output pipes open; nothing more to wait for.
        }
    }

    /// <summary>True once the process has exited and the last lines still in its pipes have been read.</summary>
    private async Task<bool> HasExitedAndDrainedAsync()
    {
        if (!HasExited)
        {
            return false;
        }

        await _process.WaitForExitAsync();
        return true;
    }

    private InvalidOperationException Exited(string when) =>
        new($"{Name} exited with code {_process.ExitCode} {when}.{DescribeOutput()}");

    private bool Contains(string fragment) =>
        StandardOutput.Contains(fragment, StringComparison.Ordinal) ||
        StandardError.Contains(fragment, StringComparison.Ordinal);

    private static string Tail(string text) =>
        text.Length <= ShownOutputChars ? text : "…" + text[^ShownOutputChars..];
}
