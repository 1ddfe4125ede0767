namespace ContactSync.Core.Sources;

/// <summary>The source as a whole cannot be read. The message is shown to operators and holds no personal data.</summary>
public sealed class SourceUnavailableException : Exception
{
    public SourceUnavailableException(string message) : base(message) { }

    public SourceUnavailableException(string message, Exception innerException) : base(message, innerException) { }
}
