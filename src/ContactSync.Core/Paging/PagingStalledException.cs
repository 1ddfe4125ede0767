namespace ContactSync.Core.Paging;

/// <summary>
/// A paged read got nowhere (the API served the same page again) or asked for more pages than the records the API
/// reported can fill. The read did not finish, so it proves nothing about absence. The message names the API and the
/// list, never a record.
/// </summary>
public sealed class PagingStalledException(string api, string message) : Exception(message)
{
    /// <summary>Which API misbehaved (<c>Nexudus</c>, <c>HubSpot</c>, <c>Companies House</c>).</summary>
    public string Api { get; } = api;
}
