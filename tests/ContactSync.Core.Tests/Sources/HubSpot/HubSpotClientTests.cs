using System.Net;
using ContactSync.Core.Sources.HubSpot;
using ContactSync.Core.Tests.Nexudus;
using Microsoft.Extensions.DependencyInjection;

namespace ContactSync.Core.Tests.Sources.HubSpot;

/// <summary>Clients of several HubSpot sources come from one named HttpClient, each with its own settings and counts.</summary>
public sealed class HubSpotClientTests
{
    private const string EmptyPage = """{"results":[]}""";

    [Fact]
    public async Task Each_source_sends_with_its_own_address_and_token_and_counts_its_own_calls()
    {
        var network = new ScriptedHttpHandler { Otherwise = _ => ScriptedHttpHandler.Respond(HttpStatusCode.OK, EmptyPage) };
        await using var services = Services(network);
        var factory = services.GetRequiredService<IHttpClientFactory>();
        using var first = new HubSpotClient(new HubSpotSourceOptions { BaseUrl = "http://first.test/", AccessToken = "first-token" }, TimeProvider.System, factory);
        using var second = new HubSpotClient(new HubSpotSourceOptions { BaseUrl = "http://second.test", AccessToken = "second-token" }, TimeProvider.System, factory);

        await first.ListAsync(10, null, ["email"], CancellationToken.None);
        await second.ListAsync(10, null, ["email"], CancellationToken.None);
        await second.ListAsync(10, "next", ["email"], CancellationToken.None);

        Assert.Equal(
            [("first.test", "first-token"), ("second.test", "second-token"), ("second.test", "second-token")],
            network.Requests.Select(r => (r.Uri.Host, r.BearerToken!)));
        Assert.Equal((1, 2), (first.Calls.Requests, second.Calls.Requests));
    }

    [Fact]
    public async Task A_retried_answer_is_paced_and_counted_on_every_attempt()
    {
        var network = new ScriptedHttpHandler()
            .Then(HttpStatusCode.ServiceUnavailable, adjust: response => response.Headers.Add("Retry-After", "0"))
            .Then(HttpStatusCode.OK, EmptyPage);
        await using var services = Services(network);
        using var client = new HubSpotClient(new HubSpotSourceOptions { BaseUrl = "http://crm.test", AccessToken = "token" }, TimeProvider.System, services.GetRequiredService<IHttpClientFactory>());

        var (page, _) = await client.ListAsync(10, null, ["email"], CancellationToken.None);

        Assert.Empty(page.Results!);
        Assert.Equal((2, 1, 0), (client.Calls.Requests, client.Calls.Errors, client.Calls.Throttled));
    }

    private static ServiceProvider Services(ScriptedHttpHandler network)
    {
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddContactSources();
        services.AddHttpClient(HubSpotClient.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => network);
        return services.BuildServiceProvider(validateScopes: true);
    }
}
