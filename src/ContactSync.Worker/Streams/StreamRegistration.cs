using ContactSync.Worker.Database;

namespace ContactSync.Worker.Streams;

internal static class StreamRegistration
{
    /// <summary>The register stream listener of the <c>run</c> host (never of <c>sync-once</c>).</summary>
    public static IHostApplicationBuilder AddContactSyncStreams(this IHostApplicationBuilder builder)
    {
        // Long-lived: no overall timeout; the listener times silence itself.
        builder.Services.AddHttpClient(RegisterStreamListener.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan);
        // Its leadership holds a connection for as long as it leads: one of the background pool's, not the sync's.
        builder.Services.AddHostedService(services => PoolServices.OnBackground<RegisterStreamListener>(services));
        return builder;
    }
}
