using ContactSync.Core.Sources;
using ContactSync.Core.Sources.CompaniesHouse;
using ContactSync.Core.Sources.Csv;
using ContactSync.Core.Sources.HubSpot;
using ContactSync.Core.Sources.Sumsub;
using Microsoft.Extensions.DependencyInjection;
using Polly;

namespace ContactSync.Core;

/// <summary>The kinds of source ContactSync can read: one line each, and the HttpClient of each kind that calls out.</summary>
public static class SourceRegistration
{
    public static IServiceCollection AddContactSources(this IServiceCollection services)
    {
        services.AddSingleton<IContactSourceFactory, CsvSourceFactory>();
        services.AddSingleton<IContactSourceFactory, CompaniesHouseSourceFactory>();
        services.AddSingleton<IContactSourceFactory, HubSpotSourceFactory>();
        services.AddSingleton<IContactSourceFactory, SumsubSourceFactory>();

        // One named HttpClient per kind of source, its handlers outermost first: retry, the source's pacing (HubSpot)
        // or budget (the register, Sumsub), Sumsub's signature (each attempt signed anew), then one attempt timed and
        // its answer read whole under the size limit.
        // Several sources of one kind can be configured, each with its own base URL, key, limits and timeout, and the
        // handlers of a named client are pooled and shared by every client of that name: so they keep nothing of a
        // source's own. The client a factory makes for a source (one a run, as before) sets its base URL and
        // credentials on its own HttpClient and carries its settings and state (pacing, budget, counts, attempt
        // timeout) on every request as a SourceCall, which the handlers read. A named client per source would instead
        // share one budget across runs, keep settings from before a reload, and give a run no counts of its own.
        AddSourceHttpClient(services, CompaniesHouseClient.HttpClientName, "register", SourceRetry.Configure)
            .AddHttpMessageHandler(() => new SourceBudgetHandler())
            .AddHttpMessageHandler(() => new SourceAttemptHandler("The register", CompaniesHouseClient.MaxResponseBytes));
        AddSourceHttpClient(services, HubSpotClient.HttpClientName, HubSpotRetry.PipelineName, HubSpotRetry.Configure)
            .AddHttpMessageHandler(provider => new HubSpotBudgetHandler(provider.GetRequiredService<TimeProvider>()))
            .AddHttpMessageHandler(() => new SourceAttemptHandler("HubSpot", HubSpotClient.MaxResponseBytes));
        AddSourceHttpClient(services, SumsubClient.HttpClientName, "sumsub", SourceRetry.Configure)
            .AddHttpMessageHandler(() => new SourceBudgetHandler())
            .AddHttpMessageHandler(() => new SumsubSigningHandler())
            .AddHttpMessageHandler(() => new SourceAttemptHandler("Sumsub", SumsubClient.MaxResponseBytes));
        return services;
    }

    private static IHttpClientBuilder AddSourceHttpClient(
        IServiceCollection services, string name, string pipeline, Action<ResiliencePipelineBuilder<HttpResponseMessage>, TimeProvider> retry)
    {
        // The retry and the attempt handler own every timeout; HttpClient's default 100 s would cut the retries short.
        var client = services.AddHttpClient(name, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            // One connection pool per kind for the process's life, as before (the pool itself renews its connections).
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            // No request logging: these clients never logged their requests.
            .RemoveAllLoggers();
        client.AddResilienceHandler(pipeline, (builder, context) => retry(builder, context.ServiceProvider.GetRequiredService<TimeProvider>()));
        return client;
    }
}
