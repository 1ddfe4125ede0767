namespace ContactSync.Core.Nexudus;

/// <summary>
/// Start times of recent calls, so that no 60-second window (any window, not just aligned ones) holds more than the limit.
/// Not thread-safe: the gate holds its lock around it.
/// </summary>
internal sealed class SlidingWindowLog(int limit, TimeSpan window)
{
    private readonly Queue<DateTimeOffset> _starts = new();

    /// <summary>How long until one more call fits; zero if it fits now.</summary>
    public TimeSpan WaitBeforeNext(DateTimeOffset now)
    {
        while (_starts.Count > 0 && _starts.Peek() + window <= now)
        {
            _starts.Dequeue();
        }

        return _starts.Count < limit ? TimeSpan.Zero : _starts.Peek() + window - now;
    }

    public void Record(DateTimeOffset now) => _starts.Enqueue(now);
}
