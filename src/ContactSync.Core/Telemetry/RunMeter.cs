namespace ContactSync.Core.Telemetry;

/// <summary>
/// What one run spent of the Nexudus budget: calls sent (reads and writes) and the time its calls waited for the
/// budget. Flows with the run's async context, so runs of several sources in one process are counted apart.
/// </summary>
public sealed class RunMeter
{
    private static readonly AsyncLocal<RunMeter?> s_current = new();

    private int _reads;
    private int _writes;
    private long _waitedTicks;

    /// <summary>The meter of the run this code is part of, if any.</summary>
    public static RunMeter? Current => s_current.Value;

    public int Reads => Volatile.Read(ref _reads);

    public int Writes => Volatile.Read(ref _writes);

    public TimeSpan Waited => TimeSpan.FromTicks(Interlocked.Read(ref _waitedTicks));

    /// <summary>Starts metering the calling flow (and everything it awaits); disposing stops it.</summary>
    public static IDisposable Begin(out RunMeter meter)
    {
        var previous = s_current.Value;
        meter = new RunMeter();
        s_current.Value = meter;
        return new Scope(previous);
    }

    public void Sent(bool isWrite)
    {
        if (isWrite)
        {
            Interlocked.Increment(ref _writes);
        }
        else
        {
            Interlocked.Increment(ref _reads);
        }
    }

    public void WaitedFor(TimeSpan waited) => Interlocked.Add(ref _waitedTicks, waited.Ticks);

    private sealed class Scope(RunMeter? previous) : IDisposable
    {
        public void Dispose() => s_current.Value = previous;
    }
}
