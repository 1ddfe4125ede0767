using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.VisualStudio.TestPlatform.ObjectModel;
using Microsoft.VisualStudio.TestPlatform.ObjectModel.Client;
using Microsoft.VisualStudio.TestPlatform.ObjectModel.Logging;

namespace ContactSync.Progress.TestLogger;

/// <summary>
/// One line per finished test, naming its project and how many of that project's tests are done so far, so a long
/// run shows it is alive; at the end, every failure again with its reason, so it is found without scrolling back.
/// Enabled for <c>dotnet test</c> by tests/test.runsettings.
/// </summary>
[FriendlyName(FriendlyName)]
[ExtensionUri("logger://ContactSync/Progress/v1")]
public sealed class ProgressLogger : ITestLoggerWithParameters
{
    public const string FriendlyName = "progress";

    private const int ReasonLines = 6;
    private const int ReasonWidth = 300;

    private readonly ConcurrentQueue<TestResult> _failures = new();
    private readonly Lock _gate = new();
    private int _done;
    private int _failed;

    public void Initialize(TestLoggerEvents events, string testRunDirectory) => Subscribe(events);

    public void Initialize(TestLoggerEvents events, Dictionary<string, string?> parameters) => Subscribe(events);

    private void Subscribe(TestLoggerEvents events)
    {
        ArgumentNullException.ThrowIfNull(events);
        events.TestResult += OnResult;
        events.TestRunComplete += OnComplete;
    }

    private void OnResult(object? sender, TestResultEventArgs e)
    {
        var result = e.Result;
        if (result.Outcome == TestOutcome.Failed)
        {
            _failures.Enqueue(result);
            Interlocked.Increment(ref _failed);
        }

        var done = Interlocked.Increment(ref _done);
        var line = string.Create(CultureInfo.InvariantCulture,
            $"[{Project(result.TestCase)}] {done} done, {Volatile.Read(ref _failed)} failed: {result.Outcome} {result.TestCase.DisplayName} ({result.Duration.TotalSeconds:0.0} s)");
        lock (_gate)
        {
            Console.WriteLine(line);
        }
    }

    private void OnComplete(object? sender, TestRunCompleteEventArgs e)
    {
        if (_failures.IsEmpty)
        {
            return;
        }

        lock (_gate)
        {
            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{_failures.Count} test(s) failed:"));
            foreach (var failure in _failures)
            {
                Console.WriteLine($"  [{Project(failure.TestCase)}] {failure.TestCase.DisplayName}");
                var reason = (failure.ErrorMessage ?? "no message").Split('\n').Take(ReasonLines);
                foreach (var line in reason.Select(text => text.TrimEnd()))
                {
                    Console.WriteLine($"      {(line.Length > ReasonWidth ? line[..ReasonWidth] + " …" : line)}");
                }
            }
        }
    }

    private static string Project(TestCase test) => Path.GetFileNameWithoutExtension(test.Source);
}
