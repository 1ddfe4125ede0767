namespace ContactSync.Core.Nexudus;

/// <summary>
/// A collection endpoint answered 404: the path does not exist at the configured base URL (a wrong host or path, or
/// an API version that moved). Nothing was processed, and every other call would meet the same answer.
/// </summary>
public sealed class NexudusEndpointNotFoundException : NexudusConfigurationException
{
    public NexudusEndpointNotFoundException(string operation)
        : base($"{operation} answered 404: the endpoint does not exist at Nexudus:BaseUrl (give the API host only, e.g. https://spaces.nexudus.com)")
    {
    }
}
