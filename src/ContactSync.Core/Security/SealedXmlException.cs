namespace ContactSync.Core.Security;

/// <summary>A sealed element that does not open: another key, damage, or not sealed at all. Never carries the content.</summary>
public sealed class SealedXmlException : Exception
{
    public SealedXmlException()
    {
    }

    public SealedXmlException(string message)
        : base(message)
    {
    }

    public SealedXmlException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
