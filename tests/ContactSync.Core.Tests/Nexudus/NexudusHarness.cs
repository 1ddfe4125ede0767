using ContactSync.Core.Nexudus;
using ContactSync.Core.Nexudus.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ContactSync.Core.Tests.Nexudus;

/// <summary>
/// The client as the worker builds it (AddNexudusClient over configuration), with scripted handlers in place of the
/// network. Delays are tiny so that retries cost milliseconds.
/// </summary>
internal sealed class NexudusHarness : IAsyncDisposable
{
    public const string BaseUrl = "https://nexudus.test";

    private readonly ServiceProvider _services;

    private NexudusHarness(ServiceProvider services, ScriptedHttpHandler api, ScriptedHttpHandler token)
    {
        _services = services;
        Api = api;
        Token = token;
    }

    public ScriptedHttpHandler Api { get; }

    public ScriptedHttpHandler Token { get; }

    public INexudusClient Client => _services.GetRequiredService<INexudusClient>();

    public IServiceProvider Services => _services;

    public static NexudusHarness Create(IDictionary<string, string?>? settings = null, ScriptedHttpHandler? token = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Nexudus:BaseUrl"] = BaseUrl,
            ["Nexudus:Username"] = "operator@example.test",
            ["Nexudus:Password"] = "not-a-real-password",
            ["Nexudus:ClientId"] = "test-client",
            ["Nexudus:AttemptTimeout"] = "00:00:05",
            ["Nexudus:TotalTimeout"] = "00:00:20",
            ["Nexudus:MaxRetries"] = "3",
            ["Nexudus:RetryBaseDelay"] = "00:00:00.001",
            ["Nexudus:MaxRetryDelay"] = "00:00:00.020",
            ["Nexudus:MinCallInterval"] = "00:00:00",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var api = new ScriptedHttpHandler();
        token ??= TokenEndpoint.Issuing();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        services.AddNexudusClient();
        services.AddHttpClient(NexudusServiceCollectionExtensions.ApiHttpClientName).ConfigurePrimaryHttpMessageHandler(() => api);
        services.AddHttpClient(NexudusServiceCollectionExtensions.TokenHttpClientName).ConfigurePrimaryHttpMessageHandler(() => token);
        return new NexudusHarness(services.BuildServiceProvider(validateScopes: true), api, token);
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
