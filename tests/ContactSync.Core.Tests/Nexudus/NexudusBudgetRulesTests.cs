using ContactSync.Core.Nexudus.Budget;

namespace ContactSync.Core.Tests.Nexudus;

public sealed class NexudusBudgetRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly NexudusBudgetLimits Limits = new(
        WritesPerMinute: 3, CallsPerMinute: 5, MinCallInterval: TimeSpan.Zero, WritesPerDay: 100, CallsPerHour: 1000);

    [Fact]
    public void Grants_at_the_snapshot_time_when_nothing_was_sent()
    {
        var decision = NexudusBudgetRules.Decide(Snapshot(), Limits, isWrite: true);

        Assert.Equal(new NexudusBudgetDecision.Granted(Now), decision);
    }

    [Fact]
    public void Waits_until_the_oldest_counted_write_leaves_the_window()
    {
        var recent = Calls(isWrite: true, -50, -20, -10);

        var decision = NexudusBudgetRules.Decide(Snapshot(recent), Limits, isWrite: true);

        Assert.Equal(new NexudusBudgetDecision.Wait(Now, Now.AddSeconds(-50) + NexudusBudgetLimits.RateWindow), decision);
    }

    [Fact]
    public void Lets_a_read_through_while_writes_are_full()
    {
        var decision = NexudusBudgetRules.Decide(Snapshot(Calls(isWrite: true, -50, -20, -10)), Limits, isWrite: false);

        Assert.IsType<NexudusBudgetDecision.Granted>(decision);
    }

    [Fact]
    public void Counts_writes_against_the_limit_for_all_calls()
    {
        var recent = Calls(isWrite: false, -40, -30, -20).Concat(Calls(isWrite: true, -15, -5)).ToList();

        var decision = NexudusBudgetRules.Decide(Snapshot(recent), Limits, isWrite: false);

        Assert.Equal(new NexudusBudgetDecision.Wait(Now, Now.AddSeconds(-40) + NexudusBudgetLimits.RateWindow), decision);
    }

    [Fact]
    public void Ignores_calls_that_have_left_the_window()
    {
        var leftAt = -NexudusBudgetLimits.RateWindow.TotalSeconds;

        var decision = NexudusBudgetRules.Decide(Snapshot(Calls(isWrite: true, leftAt, -20, -10)), Limits, isWrite: true);

        Assert.IsType<NexudusBudgetDecision.Granted>(decision);
    }

    [Fact]
    public void Keeps_the_minimum_interval_plus_the_guard_band_after_the_last_call()
    {
        var limits = Limits with { MinCallInterval = TimeSpan.FromMilliseconds(100) };
        var last = Now.AddMilliseconds(-30);

        var decision = NexudusBudgetRules.Decide(Snapshot(lastCallAt: last), limits, isWrite: false);

        Assert.Equal(new NexudusBudgetDecision.Wait(Now, last + TimeSpan.FromMilliseconds(100) + NexudusBudgetLimits.IntervalGuard), decision);
    }

    [Fact]
    public void Holds_every_call_during_a_throttle_pause()
    {
        var throttle = new NexudusBudgetSlowdown(Now.AddSeconds(3), 0, null);

        var decision = NexudusBudgetRules.Decide(Snapshot(throttle: throttle), Limits, isWrite: false);

        Assert.Equal(new NexudusBudgetDecision.Wait(Now, Now.AddSeconds(3)), decision);
    }

    [Fact]
    public void Halves_the_per_minute_rates_while_slowed_down()
    {
        var slowed = new NexudusBudgetSlowdown(Now.AddSeconds(-1), 1, Now.AddSeconds(-5));

        // Three writes per minute, halved: one write already fills the window.
        var decision = NexudusBudgetRules.Decide(Snapshot(Calls(isWrite: true, -10), throttle: slowed), Limits, isWrite: true);

        Assert.Equal(new NexudusBudgetDecision.Wait(Now, Now.AddSeconds(-10) + NexudusBudgetLimits.RateWindow), decision);
    }

    [Fact]
    public void Reports_a_spent_daily_write_budget_with_the_time_it_frees()
    {
        var fullSince = Now.AddHours(-20);

        var decision = NexudusBudgetRules.Decide(Snapshot(dayFullSince: fullSince), Limits, isWrite: true);

        Assert.Equal(new NexudusBudgetDecision.Exhausted("writes per day", 100, fullSince + NexudusBudgetLimits.DayWindow), decision);
    }

    [Fact]
    public void Waits_like_a_rate_for_a_full_day_whose_oldest_write_leaves_it_within_a_minute()
    {
        var fullSince = Now - NexudusBudgetLimits.DayWindow + TimeSpan.FromSeconds(10);

        var decision = NexudusBudgetRules.Decide(Snapshot(dayFullSince: fullSince), Limits, isWrite: true);

        Assert.Equal(new NexudusBudgetDecision.Wait(Now, Now.AddSeconds(10)), decision);
    }

    [Fact]
    public void Lets_reads_through_when_only_the_daily_write_budget_is_spent()
    {
        var decision = NexudusBudgetRules.Decide(Snapshot(dayFullSince: Now.AddHours(-20)), Limits, isWrite: false);

        Assert.IsType<NexudusBudgetDecision.Granted>(decision);
    }

    [Fact]
    public void Reports_a_spent_hourly_call_budget_even_during_a_pause()
    {
        var fullSince = Now.AddMinutes(-45);
        var paused = new NexudusBudgetSlowdown(Now.AddSeconds(30), 1, Now);

        var decision = NexudusBudgetRules.Decide(Snapshot(hourFullSince: fullSince, throttle: paused), Limits, isWrite: false);

        Assert.Equal(new NexudusBudgetDecision.Exhausted("calls per hour", 1000, fullSince + NexudusBudgetLimits.HourWindow), decision);
    }

    [Fact]
    public void Never_slows_a_rate_below_one_call_a_minute()
    {
        var limits = new NexudusBudgetLimits(1, 2, TimeSpan.FromMilliseconds(100), 10, 10);

        var (writes, calls, interval) = limits.RatesAt(NexudusBudgetSlowdown.MaxLevel);

        Assert.Equal((1, 1, TimeSpan.FromMilliseconds(800) + NexudusBudgetLimits.IntervalGuard), (writes, calls, interval));
    }

    private static List<NexudusCall> Calls(bool isWrite, params double[] secondsAgo)
        => secondsAgo.Select(s => new NexudusCall(Now.AddSeconds(s), isWrite)).ToList();

    private static NexudusBudgetSnapshot Snapshot(
        IReadOnlyList<NexudusCall>? recent = null,
        DateTimeOffset? lastCallAt = null,
        DateTimeOffset? dayFullSince = null,
        DateTimeOffset? hourFullSince = null,
        NexudusBudgetSlowdown? throttle = null)
        => new(
            Now,
            lastCallAt ?? recent?.Max(c => (DateTimeOffset?)c.At),
            recent ?? [],
            dayFullSince,
            hourFullSince,
            throttle ?? NexudusBudgetSlowdown.None);
}
