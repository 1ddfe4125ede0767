using ContactSync.Core.Nexudus.Budget;
using ContactSync.Core.Nexudus.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Refit;

namespace ContactSync.Core.Nexudus.Http;

public static class NexudusServiceCollectionExtensions
{
    /// <summary>The named HttpClient behind <see cref="INexudusClient"/> (tests replace its primary handler).</summary>
    public const string ApiHttpClientName = "ContactSync.Nexudus";

    /// <summary>The named HttpClient for <c>/api/token</c>: no bearer handler and no shared pipeline, so it cannot recurse.</summary>
    public const string TokenHttpClientName = NexudusTokenProvider.HttpClientName;

    /// <summary>
    /// Registers <see cref="INexudusClient"/> with options from the <c>Nexudus</c> section (validated at start), one
    /// token per process, a budget (in-process unless <see cref="AddSharedNexudusBudget"/> is called), and the
    /// client's own resilience pipeline. Handlers, outermost first: resilience, response limit, auth, budget, network. Needs an
    /// <c>IConfiguration</c> in the container.
    /// </summary>
    public static IServiceCollection AddNexudusClient(this IServiceCollection services)
    {
        services.AddOptions<NexudusOptions>()
            .BindConfiguration(NexudusOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<INexudusBudget, InProcessNexudusBudget>();
        services.TryAddSingleton<NexudusTokenProvider>();
        services.TryAddTransient<NexudusBudgetHandler>();
        services.TryAddSingleton<NexudusBudgetWaits>();
        services.TryAddSingleton<NexudusSendSpacing>();
        services.TryAddTransient<NexudusAuthHandler>();
        services.TryAddTransient<NexudusResponseLimitHandler>();
        services.TryAddTransient<NexudusAttemptTimeoutHandler>();

        services.AddHttpClient(TokenHttpClientName, (sp, http) =>
        {
            var options = sp.GetRequiredService<IOptions<NexudusOptions>>().Value;
            // The timeout covers reading the answer (the default completion option buffers it), and the buffer is capped.
            http.Timeout = options.AttemptTimeout;
            http.MaxResponseContentBufferSize = options.MaxResponseBytes;
        });

        var api = services
            .AddRefitGeneratedClient<INexudusApi>(_ => new RefitSettings(new SystemTextJsonContentSerializer(NexudusJson.Options)), ApiHttpClientName)
            .ConfigureHttpClient((sp, http) =>
            {
                http.BaseAddress = NexudusUris.Base(sp.GetRequiredService<IOptions<NexudusOptions>>().Value);

                // The pipeline owns every timeout; HttpClient's default 100 s would cut the retries short.
                http.Timeout = Timeout.InfiniteTimeSpan;
            });

        // Added first, so outermost: each retry attempt passes through the auth handler and the budget again.
        api.AddResilienceHandler(NexudusResiliencePipeline.Name, (builder, context) =>
            {
                var sp = context.ServiceProvider;
                NexudusResiliencePipeline.Configure(
                    builder,
                    sp.GetRequiredService<IOptions<NexudusOptions>>().Value,
                    sp.GetRequiredService<TimeProvider>(),
                    sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(NexudusResiliencePipeline)));
            });
        // The budget sits inside the auth handler so that it times the moment a request leaves: a budget outside it
        // would let requests that waited for the same token (every lane at the start of a run) leave together,
        // closer than the minimum interval, and Nexudus would answer with a 409.
        api.AddHttpMessageHandler<NexudusAuthHandler>();
        api.AddHttpMessageHandler<NexudusBudgetHandler>();

        // An attempt is timed from the moment the budget lets it go, not while it waits for budget; the answer is read
        // whole (and capped) inside it.
        api.AddHttpMessageHandler<NexudusAttemptTimeoutHandler>();
        api.AddHttpMessageHandler<NexudusResponseLimitHandler>();

        services.TryAddTransient<INexudusClient, NexudusClient>();
        return services;
    }

    /// <summary>
    /// Keeps the API budget in PostgreSQL, shared by every process that uses the same Nexudus client (needs an
    /// <c>NpgsqlDataSource</c> and migration 0002). Replaces the in-process budget whether called before or after
    /// <see cref="AddNexudusClient"/>.
    /// </summary>
    public static IServiceCollection AddSharedNexudusBudget(this IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Singleton<INexudusBudget, PostgresNexudusBudget>());
        return services;
    }
}
