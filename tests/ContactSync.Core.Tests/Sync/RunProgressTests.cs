using ContactSync.Core.Runs;

namespace ContactSync.Core.Tests.Sync;

public sealed class RunProgressTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Nothing_left_or_what_this_minute_allows_ends_now()
    {
        Assert.Equal(Now, RunProgress.EstimateEnd(0, 60, 5000, 0, 0, Now));
        Assert.Equal(Now, RunProgress.EstimateEnd(30, 60, 5000, 40, 4000, Now));
    }

    [Fact]
    public void Beyond_this_minute_writes_go_a_window_at_a_time()
    {
        // 10 now, then 120 more at 60 a minute: two more windows.
        Assert.Equal(Now.AddMinutes(2), RunProgress.EstimateEnd(130, 60, 5000, 10, 5000, Now));
        // 61 beyond: a third window, partly used.
        Assert.Equal(Now.AddMinutes(3), RunProgress.EstimateEnd(131, 60, 5000, 10, 5000, Now));
    }

    [Fact]
    public void A_first_load_bigger_than_the_day_waits_for_the_next_days_budget()
    {
        // 1,000 left today, 12,000 to go at 5,000 a day: today's 1,000, two full days, then 1,000 at 60 a minute.
        var end = RunProgress.EstimateEnd(12_000, 60, 5000, 60, 1000, Now);
        Assert.Equal(Now.AddDays(3).AddMinutes(17), end);
    }

    [Fact]
    public void Percent_and_planned_count_what_is_done_and_what_waits()
    {
        var progress = new RunProgress(25, 75, Now, StillReading: false);
        Assert.Equal(100, progress.Planned);
        Assert.Equal(25, progress.Percent);
        Assert.Equal(100, new RunProgress(0, 0, Now, StillReading: false).Percent);
    }

    [Theory]
    [InlineData(45, "0m 45s")]
    [InlineData(3_700, "1h 01m")]
    [InlineData(200_000, "2d 07h")]
    public void A_span_reads_in_days_when_it_is_days(int seconds, string shown)
        => Assert.Equal(shown, RunProgress.Span(TimeSpan.FromSeconds(seconds)));
}
