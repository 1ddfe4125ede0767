using System.Net;
using ContactSync.Core.Nexudus;
using ContactSync.Core.Paging;

namespace ContactSync.Core.Tests.Nexudus;

/// <summary>A Nexudus list ends whatever the server says of its pages.</summary>
public sealed class NexudusClientPagingTests
{
    private const string FirstPage = """{"Records":[{"Id":1,"CoworkerContractId":7},{"Id":2,"CoworkerContractId":7}],"HasNextPage":true}""";

    [Fact]
    public async Task Ends_a_list_when_Nexudus_repeats_its_first_page_without_naming_it()
    {
        await using var nexudus = NexudusHarness.Create();
        nexudus.Api.Otherwise = _ => ScriptedHttpHandler.Respond(HttpStatusCode.OK, FirstPage);

        var e = await Assert.ThrowsAsync<NexudusUnavailableException>(() => nexudus.Client.ListAllContractContactsAsync(CancellationToken.None));

        Assert.IsType<PagingStalledException>(e.InnerException);
        Assert.StartsWith("Nexudus returned the same page twice", e.Message, StringComparison.Ordinal);
        // The first page, then the same again twice: two pages without a new record end the read.
        Assert.Equal(3, nexudus.Api.Requests.Count);
    }

    [Fact]
    public async Task Ends_a_list_that_reports_more_pages_than_its_own_count_of_pages()
    {
        await using var nexudus = NexudusHarness.Create();
        var next = 0;
        nexudus.Api.Otherwise = _ =>
        {
            next++;
            return ScriptedHttpHandler.Respond(HttpStatusCode.OK,
                $$"""{"Records":[{"Id":{{next}},"CoworkerContractId":7}],"HasNextPage":true,"CurrentPage":{{next}},"TotalPages":1000000}""");
        };

        // A server whose first page claims 2 pages, then keeps finding more.
        nexudus.Api.Then(HttpStatusCode.OK, """{"Records":[{"Id":0,"CoworkerContractId":7}],"HasNextPage":true,"CurrentPage":1,"TotalPages":2}""");
        next = 1;

        var e = await Assert.ThrowsAsync<NexudusUnavailableException>(() => nexudus.Client.ListAllContractContactsAsync(CancellationToken.None));

        Assert.IsType<PagingStalledException>(e.InnerException);
        // Never more pages than twice the 2 the first page counted, and 5 more for records moving meanwhile.
        Assert.Equal((2 * 2) + 5, nexudus.Api.Requests.Count);
    }
}
