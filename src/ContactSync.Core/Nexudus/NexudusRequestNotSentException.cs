namespace ContactSync.Core.Nexudus;

/// <summary>
/// An attempt gave up before the request left the process (waiting for the budget or for a token). Raised instead of
/// a bare cancellation so that the retry and the client can tell "certainly not sent" from "timed out in flight".
/// </summary>
internal sealed class NexudusRequestNotSentException : Exception
{
    public NexudusRequestNotSentException()
        : base("The request to Nexudus was abandoned before it was sent.") { }

    public NexudusRequestNotSentException(string message) : base(message) { }

    public NexudusRequestNotSentException(string message, Exception innerException) : base(message, innerException) { }
}
