using System.Net;
using ContactSync.Core.Nexudus;
using ContactSync.Core.Nexudus.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ContactSync.Core.Tests.Nexudus;

public sealed class NexudusTokenProviderTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Refreshes_at_80_percent_of_a_long_lifetime_before_the_token_expires()
    {
        var endpoint = TokenEndpoint.Issuing(expiresInSeconds: 1000);
        using var tokens = Provider(endpoint);

        Assert.Equal("token-1", await tokens.GetAccessTokenAsync(CancellationToken.None));
        _time.Advance(TimeSpan.FromSeconds(799));
        Assert.Equal("token-1", await tokens.GetAccessTokenAsync(CancellationToken.None));
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal("token-2", await tokens.GetAccessTokenAsync(CancellationToken.None));

        Assert.Equal(2, endpoint.Requests.Count);
        var refresh = endpoint.Requests[1];
        Assert.Equal("refresh_token", refresh.Form["grant_type"]);
        Assert.Equal("refresh-1", refresh.Form["refresh_token"]);
        Assert.Equal("client-a", refresh.ClientIdHeader);
    }

    [Fact]
    public async Task Refreshes_a_minute_before_expiry_when_that_comes_first()
    {
        var endpoint = TokenEndpoint.Issuing(expiresInSeconds: 200);
        using var tokens = Provider(endpoint);

        await tokens.GetAccessTokenAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(139));
        Assert.Equal("token-1", await tokens.GetAccessTokenAsync(CancellationToken.None));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("token-2", await tokens.GetAccessTokenAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Falls_back_to_the_password_when_the_refresh_token_is_refused()
    {
        var endpoint = new ScriptedHttpHandler();
        endpoint.Then(_ => TokenEndpoint.Token(1, 100)).Then(_ => TokenEndpoint.InvalidGrant()).Then(_ => TokenEndpoint.Token(2, 100));
        using var tokens = Provider(endpoint);

        await tokens.GetAccessTokenAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(95));
        Assert.Equal("token-2", await tokens.GetAccessTokenAsync(CancellationToken.None));

        Assert.Equal(["password", "refresh_token", "password"], endpoint.Requests.Select(r => r.Form["grant_type"]));
    }

    [Fact]
    public async Task Keeps_using_an_unexpired_token_while_the_token_endpoint_is_down()
    {
        var endpoint = new ScriptedHttpHandler { Otherwise = _ => ScriptedHttpHandler.Respond(HttpStatusCode.ServiceUnavailable) };
        endpoint.Then(_ => TokenEndpoint.Token(1, 1000));
        using var tokens = Provider(endpoint);

        await tokens.GetAccessTokenAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(900));

        Assert.Equal("token-1", await tokens.GetAccessTokenAsync(CancellationToken.None));
        _time.Advance(TimeSpan.FromSeconds(101));
        await Assert.ThrowsAsync<NexudusUnavailableException>(async () => await tokens.GetAccessTokenAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Lets_concurrent_callers_wait_for_a_single_sign_in()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var endpoint = new GatedHandler(release.Task, TokenEndpoint.Issuing());
        using var tokens = Provider(endpoint);

        var callers = Enumerable.Range(0, 8).Select(_ => tokens.GetAccessTokenAsync(CancellationToken.None).AsTask()).ToList();
        release.SetResult();
        var issued = await Task.WhenAll(callers);

        Assert.All(issued, t => Assert.Equal("token-1", t));
        Assert.Equal(1, endpoint.Calls);
    }

    [Fact]
    public async Task Ignores_a_401_on_a_token_that_was_already_replaced()
    {
        var endpoint = TokenEndpoint.Issuing(expiresInSeconds: 1000);
        using var tokens = Provider(endpoint);
        await tokens.GetAccessTokenAsync(CancellationToken.None);

        tokens.Invalidate("token-0");

        Assert.Equal("token-1", await tokens.GetAccessTokenAsync(CancellationToken.None));
        tokens.Invalidate("token-1");
        Assert.Equal("token-2", await tokens.GetAccessTokenAsync(CancellationToken.None));
    }

    private NexudusTokenProvider Provider(HttpMessageHandler endpoint) => new(
        new FixedHttpClientFactory(endpoint),
        Options.Create(new NexudusOptions { BaseUrl = "https://nexudus.test", Username = "u@example.test", Password = "p", ClientId = "client-a" }),
        _time,
        NullLogger<NexudusTokenProvider>.Instance);

    private sealed class FixedHttpClientFactory(HttpMessageHandler handler) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(handler, disposeHandler: false);
    }

    private sealed class GatedHandler(Task gate, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private int _calls;

        public int Calls => _calls;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            await gate;
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
