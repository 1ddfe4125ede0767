using System.Globalization;
using System.Net;
using System.Web;
using ContactSync.Core.Contacts;
using ContactSync.Core.Nexudus;
using ContactSync.Core.Nexudus.Model;

namespace ContactSync.Core.Tests.Nexudus;

public sealed class NexudusClientReadTests
{
    [Fact]
    public async Task Reads_every_page_of_a_contracts_contacts()
    {
        await using var nexudus = NexudusHarness.Create();
        nexudus.Api
            .Then(HttpStatusCode.OK, Page(1, hasNext: true, Contact(1), Contact(2)))
            .Then(HttpStatusCode.OK, Page(2, hasNext: false, Contact(3)));

        var contacts = await nexudus.Client.ListContractContactsAsync(77, CancellationToken.None);

        Assert.Equal([1, 2, 3], contacts.Select(c => c.Id));
        Assert.All(contacts, c => Assert.Equal(ContractContactType.Director, c.ContractContactType));
        var queries = nexudus.Api.Requests.Select(r => HttpUtility.ParseQueryString(r.Uri.Query)).ToList();
        Assert.Equal(["1", "2"], queries.Select(q => q["page"]));
        Assert.All(queries, q => Assert.Equal("1000", q["size"]));
        Assert.All(queries, q => Assert.Equal("77", q["ContractContact_CoworkerContract"]));
        Assert.All(queries, q => Assert.Null(q["ContractContact_FullName"]));
    }

    [Fact]
    public async Task Stops_at_an_empty_page_even_if_Nexudus_claims_there_are_more()
    {
        await using var nexudus = NexudusHarness.Create();
        nexudus.Api
            .Then(HttpStatusCode.OK, Page(1, hasNext: true, Contact(1)))
            .Then(HttpStatusCode.OK, Page(2, hasNext: true));

        var contacts = await nexudus.Client.ListContractContactsAsync(77, CancellationToken.None);

        Assert.Single(contacts);
        Assert.Equal(2, nexudus.Api.Requests.Count);
    }

    [Fact]
    public async Task Stops_at_the_last_page_Nexudus_counts_even_if_it_claims_there_are_more()
    {
        await using var nexudus = NexudusHarness.Create();
        nexudus.Api
            .Then(HttpStatusCode.OK, Page(1, hasNext: true, Contact(1)))
            .Then(HttpStatusCode.OK, Page(2, hasNext: true, Contact(2)))
            .Then(HttpStatusCode.OK, Page(3, hasNext: true, Contact(3)));

        var contacts = await nexudus.Client.ListContractContactsAsync(77, CancellationToken.None);

        Assert.Equal([1, 2, 3], contacts.Select(c => c.Id));
        Assert.Equal(3, nexudus.Api.Requests.Count);
    }

    [Fact]
    public async Task Refuses_a_server_that_answers_page_1_to_every_request_instead_of_reading_it_for_ever()
    {
        await using var nexudus = NexudusHarness.Create();
        nexudus.Api.Otherwise = _ => ScriptedHttpHandler.Respond(HttpStatusCode.OK, Page(1, hasNext: true, Contact(1)));

        var error = await Assert.ThrowsAsync<NexudusUnavailableException>(
            () => nexudus.Client.ListContractContactsAsync(77, CancellationToken.None));

        Assert.Contains("answered page 1 to a request for page 2", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, nexudus.Api.Requests.Count);
    }

    [Fact]
    public async Task Reads_countries_500_at_a_time()
    {
        await using var nexudus = NexudusHarness.Create();
        nexudus.Api
            .Then(HttpStatusCode.OK, """{"Records":[{"Id":1,"Name":"United Kingdom","TwoDigitsCode":"GB","Culture":"en-GB"}],"HasNextPage":true}""")
            .Then(HttpStatusCode.OK, """{"Records":[{"Id":2,"Name":"United States","TwoDigitsCode":"US"}],"HasNextPage":false}""");

        var countries = await nexudus.Client.ListCountriesAsync(CancellationToken.None);

        Assert.Equal([new Country(1, "United Kingdom", "GB"), new Country(2, "United States", "US")], countries);
        Assert.All(nexudus.Api.Requests, r => Assert.Equal("500", HttpUtility.ParseQueryString(r.Uri.Query)["size"]));
    }

    [Fact]
    public async Task Throws_unavailable_naming_the_endpoint_and_status_once_retries_are_spent()
    {
        await using var nexudus = NexudusHarness.Create(new Dictionary<string, string?> { ["Nexudus:MaxRetries"] = "2" });
        nexudus.Api.Otherwise = _ => ScriptedHttpHandler.Respond(HttpStatusCode.ServiceUnavailable);

        var error = await Assert.ThrowsAsync<NexudusUnavailableException>(
            () => nexudus.Client.ListCountriesAsync(CancellationToken.None));

        Assert.Equal("GET /api/sys/countries failed with status 503", error.Message);
        Assert.Equal(3, nexudus.Api.Requests.Count);
    }

    [Fact]
    public async Task Throws_unavailable_when_the_connection_keeps_failing()
    {
        await using var nexudus = NexudusHarness.Create(new Dictionary<string, string?> { ["Nexudus:MaxRetries"] = "1" });
        nexudus.Api.Otherwise = _ => throw new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely.");

        var error = await Assert.ThrowsAsync<NexudusUnavailableException>(
            () => nexudus.Client.ListContractContactsAsync(77, CancellationToken.None));

        Assert.StartsWith("GET /api/billing/contractcontacts", error.Message, StringComparison.Ordinal);
        Assert.IsType<HttpRequestException>(error.InnerException);
        Assert.Equal(2, nexudus.Api.Requests.Count);
    }

    internal static string Contact(int id) => string.Create(
        CultureInfo.InvariantCulture,
        $$"""{"Id":{{id}},"CoworkerContractId":77,"FullName":"Person {{id}}","ContractContactType":1,"UnknownField":"ignored"}""");

    internal static string Page(int page, bool hasNext, params string[] records)
        => $$"""{"Records":[{{string.Join(",", records)}}],"CurrentPage":{{page}},"TotalPages":3,"HasNextPage":{{(hasNext ? "true" : "false")}}}""";
}
