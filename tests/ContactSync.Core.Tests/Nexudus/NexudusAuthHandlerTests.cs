using System.Net;
using ContactSync.Core.Nexudus;

namespace ContactSync.Core.Tests.Nexudus;

public sealed class NexudusAuthHandlerTests
{
    private const string EmptyPage = """{"Records":[],"HasNextPage":false}""";

    [Fact]
    public async Task Renews_the_token_once_after_a_401_and_resends_the_request()
    {
        await using var nexudus = NexudusHarness.Create();
        nexudus.Api.Then(HttpStatusCode.Unauthorized).Then(HttpStatusCode.OK, Json.Created42);

        var result = await nexudus.Client.CreateContractContactAsync(Payloads.Director(), CancellationToken.None);

        Assert.Equal(WriteResult.Success(42), result);
        Assert.Equal(["token-1", "token-2"], nexudus.Api.Requests.Select(r => r.BearerToken));
        Assert.Equal(nexudus.Api.Requests[0].Body, nexudus.Api.Requests[1].Body);
        Assert.Equal(["password", "refresh_token"], nexudus.Token.Requests.Select(r => r.Form["grant_type"]));
        Assert.Equal("refresh-1", nexudus.Token.Requests[1].Form["refresh_token"]);
    }

    [Fact]
    public async Task Counts_the_re_send_after_a_401_against_the_budget()
    {
        await using var nexudus = NexudusHarness.Create(new Dictionary<string, string?> { ["Nexudus:WritesPerDay"] = "1" });
        nexudus.Api.Then(HttpStatusCode.Unauthorized).Then(HttpStatusCode.OK, Json.Created42);

        await Assert.ThrowsAsync<NexudusBudgetExhaustedException>(
            () => nexudus.Client.CreateContractContactAsync(Payloads.Director(), CancellationToken.None));

        Assert.Single(nexudus.Api.Requests);
    }

    [Fact]
    public async Task Gives_up_with_an_authentication_error_when_the_new_token_is_refused_too()
    {
        await using var nexudus = NexudusHarness.Create();
        nexudus.Api.Otherwise = _ => ScriptedHttpHandler.Respond(HttpStatusCode.Unauthorized);

        await Assert.ThrowsAsync<NexudusAuthenticationException>(
            () => nexudus.Client.ListCountriesAsync(CancellationToken.None));

        Assert.Equal(2, nexudus.Api.Requests.Count);
    }

    [Fact]
    public async Task Signs_in_with_form_fields_and_the_client_id_header()
    {
        await using var nexudus = NexudusHarness.Create();
        nexudus.Api.Then(HttpStatusCode.OK, EmptyPage);

        await nexudus.Client.ListCountriesAsync(CancellationToken.None);

        var signIn = Assert.Single(nexudus.Token.Requests);
        Assert.Equal(new Uri("https://nexudus.test/api/token"), signIn.Uri);
        Assert.Equal("test-client", signIn.ClientIdHeader);
        Assert.Equal("password", signIn.Form["grant_type"]);
        Assert.Equal("operator@example.test", signIn.Form["username"]);
        Assert.Equal("not-a-real-password", signIn.Form["password"]);
        Assert.Equal("test-client", signIn.Form["client_id"]);
    }

    [Fact]
    public async Task Reports_refused_credentials_by_naming_the_configuration_keys()
    {
        var token = new ScriptedHttpHandler { Otherwise = _ => TokenEndpoint.InvalidGrant() };
        await using var nexudus = NexudusHarness.Create(token: token);

        var error = await Assert.ThrowsAsync<NexudusAuthenticationException>(
            () => nexudus.Client.CreateContractContactAsync(Payloads.Director(), CancellationToken.None));

        Assert.Equal("Nexudus refused the configured credentials (Nexudus:Username / Nexudus:Password)", error.Message);
        Assert.Empty(nexudus.Api.Requests);
    }

    [Fact]
    public async Task Shares_one_token_between_calls()
    {
        await using var nexudus = NexudusHarness.Create();
        nexudus.Api.Otherwise = _ => ScriptedHttpHandler.Respond(HttpStatusCode.OK, EmptyPage);

        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => nexudus.Client.ListCountriesAsync(CancellationToken.None)));

        Assert.Single(nexudus.Token.Requests);
        Assert.All(nexudus.Api.Requests, r => Assert.Equal("token-1", r.BearerToken));
    }
}
