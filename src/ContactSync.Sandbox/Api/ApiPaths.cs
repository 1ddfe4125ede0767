namespace ContactSync.Sandbox.Api;

/// <summary>Which requests are Nexudus API calls, and which of those Nexudus counts as writes.</summary>
internal static class ApiPaths
{
    private static readonly PathString ApiRoot = new("/api");
    private static readonly PathString TokenPath = new("/api/token");

    public static bool IsApi(PathString path) => path.StartsWithSegments(ApiRoot, StringComparison.OrdinalIgnoreCase);

    public static bool IsToken(PathString path) => path.Equals(TokenPath, StringComparison.OrdinalIgnoreCase);

    /// <summary>API calls that need a bearer token and are subject to throttling and faults.</summary>
    public static bool IsProtectedApi(PathString path) => IsApi(path) && !IsToken(path);

    public static bool IsWrite(string method) =>
        HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsDelete(method) || HttpMethods.IsPatch(method);
}
