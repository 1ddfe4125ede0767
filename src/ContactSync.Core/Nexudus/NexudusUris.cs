namespace ContactSync.Core.Nexudus;

internal static class NexudusUris
{
    /// <summary>The base with a trailing slash, so relative paths keep any prefix the base carries (a proxy, the Sandbox).</summary>
    public static Uri Base(NexudusOptions options)
        => new(options.BaseUrl.EndsWith('/') ? options.BaseUrl : options.BaseUrl + "/", UriKind.Absolute);

    /// <summary>Method and path only: a query may carry a name filter, which is personal data.</summary>
    public static string Describe(HttpRequestMessage request)
        => $"{request.Method.Method} {request.RequestUri?.AbsolutePath ?? "?"}";
}
