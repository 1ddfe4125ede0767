namespace ContactSync.Worker.Streams;

internal static class StreamRegistration
{
    /// <summary>The register stream listener of the <c>run</c> host (never of <c>sync-once</c>).</summary>
    public static IHostApplicationBuilder AddContactSyncStreams(this IHostApplicationBuilder builder)
    {
        // Long-lived: no overall timeout; the listener times silence itself.
        builder.Services.AddHttpClient(RegisterStreamListener.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan);
        builder.Services.AddHostedService<RegisterStreamListener>();
        return builder;
    }
}
