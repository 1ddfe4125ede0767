namespace ContactSync.Core.Nexudus;

/// <summary>
/// Nexudus cannot be reached or keeps failing (retries spent, circuit open). A run that sees this stops early
/// with an "unavailable" outcome instead of burning attempts on every remaining record.
/// </summary>
public sealed class NexudusUnavailableException : Exception
{
    public NexudusUnavailableException(string message) : base(message) { }

    public NexudusUnavailableException(string message, Exception innerException) : base(message, innerException) { }
}
