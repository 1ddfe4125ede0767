using ContactSync.Core.Alerts;

namespace ContactSync.Core.Tests.Alerts;

public sealed class SourceScheduleTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 10, 11, 31, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("*/30 * * * *", "2026-03-10T12:00:00Z", 30 * 60)]
    [InlineData("0 3 * * *", "2026-03-11T03:00:00Z", 24 * 3600)]
    [InlineData("* * * * * *", "2026-03-10T11:31:01Z", 1)]
    [InlineData("  0 */4 * * *  ", "2026-03-10T12:00:00Z", 4 * 3600)]
    public void The_next_run_and_the_gap_after_it_come_from_the_cron_expression_in_UTC(string cron, string due, int intervalSeconds)
    {
        Assert.True(SourceSchedule.TryParse(cron, out var schedule));

        var next = schedule.NextAfter(At);

        Assert.Equal((DateTimeOffset.Parse(due, System.Globalization.CultureInfo.InvariantCulture), TimeSpan.FromSeconds(intervalSeconds)), next);
    }

    [Theory]
    [InlineData("")]
    [InlineData("every morning")]
    [InlineData("61 * * * *")]
    public void An_expression_that_does_not_parse_is_refused(string cron)
    {
        Assert.False(SourceSchedule.TryParse(cron, out _));
    }

    [Fact]
    public void A_schedule_that_never_comes_again_has_no_next_run()
    {
        Assert.True(SourceSchedule.TryParse("0 0 30 2 *", out var schedule));

        Assert.Null(schedule.NextAfter(At));
    }
}
