using System.Collections.Concurrent;
using System.Globalization;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace ContactSync.IntegrationTests.Infrastructure;

/// <summary>
/// The output of a scenario that a class fixture runs once for its tests (a fixture gets no test's output): kept, so
/// each test of the class shows it beside its own result, and passed on as a diagnostic message as it is written.
/// Each line starts with the seconds since the scenario began, so its setup cost shows step by step.
/// </summary>
public sealed class ScenarioLog(IMessageSink sink) : ITestOutputHelper
{
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly long _started = TimeProvider.System.GetTimestamp();

    public void WriteLine(string message)
    {
        var line = string.Create(CultureInfo.InvariantCulture, $"[{TimeProvider.System.GetElapsedTime(_started).TotalSeconds,6:0.0} s] {message}");
        _lines.Enqueue(line);
        sink.OnMessage(new DiagnosticMessage(line));
    }

    public void WriteLine(string format, params object[] args) => WriteLine(string.Format(CultureInfo.InvariantCulture, format, args));

    /// <summary>Writes everything the scenario logged to a test's output.</summary>
    public void CopyTo(ITestOutputHelper output)
    {
        ArgumentNullException.ThrowIfNull(output);
        foreach (var line in _lines)
        {
            output.WriteLine(line);
        }
    }
}
