namespace ContactSync.Core.Nexudus;

/// <summary>
/// Whether a call may still leave for Nexudus. A run that is told to stop lets the calls already on the wire finish
/// (their answers settle their records) but sends nothing new: it closes the window with its stopping token for every
/// call made in its flow, and the budget handler, the last step before the network, sends nothing once it is closed.
/// A call turned away there is certainly not sent, so its record is released rather than left in doubt.
/// </summary>
public static class NexudusSendWindow
{
    private static readonly AsyncLocal<CancellationToken> Closing = new();

    /// <summary>Cancelled once calls may no longer be sent; never cancelled outside a run.</summary>
    public static CancellationToken Current => Closing.Value;

    /// <summary>Closes the window, for calls made in the caller's flow, when <paramref name="closing"/> is cancelled.</summary>
    public static Scope ClosesWith(CancellationToken closing)
    {
        var previous = Closing.Value;
        Closing.Value = closing;
        return new Scope(previous);
    }

    public readonly struct Scope(CancellationToken previous) : IDisposable
    {
        public void Dispose() => Closing.Value = previous;
    }
}
