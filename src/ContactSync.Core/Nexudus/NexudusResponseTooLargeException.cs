namespace ContactSync.Core.Nexudus;

/// <summary>
/// A response body was larger than <see cref="NexudusOptions.MaxResponseBytes"/>. Not retried: the same request would
/// bring the same answer. Reading stopped at the limit, so the worker's memory stays bounded whatever Nexudus sends.
/// </summary>
internal sealed class NexudusResponseTooLargeException : Exception
{
    public NexudusResponseTooLargeException(long limit)
        : base(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"answered with a body larger than {limit} bytes (Nexudus:MaxResponseBytes)"))
    {
    }

    public NexudusResponseTooLargeException() : base("A Nexudus answer was larger than Nexudus:MaxResponseBytes.") { }

    public NexudusResponseTooLargeException(string message) : base(message) { }

    public NexudusResponseTooLargeException(string message, Exception innerException) : base(message, innerException) { }
}
