namespace ContactSync.Core.Nexudus.Budget;

/// <summary>
/// How often, and how long in all, calls of this process waited for the API budget before they were sent. Waiting is
/// the budget working, not a failure: a run reports it once, at Information, instead of a line per call.
/// </summary>
public sealed class NexudusBudgetWaits
{
    // Shorter waits are the minimum spacing between calls, not the budget holding a call back.
    private static readonly TimeSpan Noticeable = TimeSpan.FromMilliseconds(250);

    private long _count;
    private long _ticks;

    public void Record(TimeSpan waited)
    {
        if (waited >= Noticeable)
        {
            Interlocked.Increment(ref _count);
            Interlocked.Add(ref _ticks, waited.Ticks);
        }
    }

    public (long Count, TimeSpan Total) Snapshot() => (Interlocked.Read(ref _count), TimeSpan.FromTicks(Interlocked.Read(ref _ticks)));
}
