using ContactSync.Core.Paging;

namespace ContactSync.Core.Tests.Paging;

public sealed class PageProgressTests
{
    [Fact]
    public void Ends_a_read_whose_server_repeats_its_first_page_at_the_second_repeat()
    {
        var progress = new PageProgress("HubSpot", "the contact list", 1000);
        progress.ReadOn("c1", ["1", "2"]);
        progress.ReadOn("c1", ["1", "2"]);

        var e = Assert.Throws<PagingStalledException>(() => progress.ReadOn("c1", ["1", "2"]));

        Assert.Equal("HubSpot", e.Api);
        Assert.StartsWith("HubSpot returned the same page twice (the contact list)", e.Message, StringComparison.Ordinal);
        Assert.Equal(3, progress.Pages);
    }

    [Fact]
    public void Ends_a_read_whose_pages_bring_only_records_already_read_under_fresh_cursors()
    {
        var progress = new PageProgress("Nexudus", "GET /api/billing/contractcontacts", 1000);
        progress.ReadOn(null, ["1", "2"]);
        progress.ReadOn(null, ["1", "2"]);

        Assert.Throws<PagingStalledException>(() => progress.ReadOn(null, ["2", "1"]));
    }

    [Fact]
    public void Ends_a_read_whose_offset_does_not_advance_even_with_new_records()
    {
        var progress = new PageProgress("Companies House", "a company's officers", 1000);
        progress.ReadOn("0", ["a"]);
        progress.ReadOn("0", ["b"]);

        Assert.Throws<PagingStalledException>(() => progress.ReadOn("0", ["c"]));
    }

    [Fact]
    public void Lets_one_page_without_progress_pass_when_the_next_makes_progress()
    {
        var progress = new PageProgress("HubSpot", "the contact search", 1000);
        for (var page = 0; page < 50; page++)
        {
            progress.ReadOn($"c{page}", [$"{page}"]);
            progress.ReadOn($"c{page}", [$"{page}"]);
        }

        Assert.Equal(100, progress.Pages);
    }

    [Fact]
    public void Reads_every_page_a_reported_total_needs_and_stops_a_read_that_goes_on_past_twice_that()
    {
        var progress = new PageProgress("HubSpot", "the contact search", 10_000);
        progress.Expect(total: 50, pageSize: 10);
        progress.Expect(total: 1_000_000, pageSize: 10);

        for (var page = 1; page < 15; page++)
        {
            progress.ReadOn($"c{page}", [$"{page}"]);
        }

        var e = Assert.Throws<PagingStalledException>(() => progress.ReadOn("c15", ["15"]));
        Assert.Contains("more than the 5 its own total needs", e.Message, StringComparison.Ordinal);
        Assert.Equal(15, progress.MaxPages);
    }

    [Fact]
    public void Stops_at_the_fixed_ceiling_while_no_total_is_known()
    {
        var progress = new PageProgress("HubSpot", "a contact's companies", 3);
        progress.ReadOn("a", ["1"]);
        progress.ReadOn("b", ["2"]);

        Assert.Throws<PagingStalledException>(() => progress.ReadOn("c", ["3"]));
    }

    [Fact]
    public void A_new_query_starts_its_positions_and_records_afresh_but_keeps_counting_pages()
    {
        var progress = new PageProgress("HubSpot", "the contact search", 4);
        progress.ReadOn("q1", ["1"]);
        progress.Restart();
        progress.ReadOn("q1", ["1"]);
        progress.ReadOn("q2", ["2"]);

        Assert.Throws<PagingStalledException>(() => progress.ReadOn("q3", ["3"]));
    }
}
