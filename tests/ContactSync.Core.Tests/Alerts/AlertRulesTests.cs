using ContactSync.Core.Alerts;

namespace ContactSync.Core.Tests.Alerts;

public sealed class AlertRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    private static readonly AlertRules Rules = new(new AlertOptions { DashboardUrl = "https://contactsync.example.com/", RejectedShareThreshold = 0.1, OverdueGrace = 2 });

    [Fact]
    public void An_aborted_latest_run_is_a_failed_run_with_its_reason_counts_and_links()
    {
        var run = Run("aborted", abortReason: "source_unavailable", total: 23, rejected: 2);

        var observation = Rules.RunFailed(Standing(run));

        Assert.Equal(ConditionState.Bad, observation.State);
        Assert.Equal("The latest run of crm was aborted (the source could not be read whole).", observation.Summary);
        Assert.Equal(23, observation.Counts["total"]);
        Assert.Equal(2, observation.Counts["rejected"]);
        Assert.Equal($"https://contactsync.example.com/contactsync/runs/{run.Id:D}", observation.Links["run"]);
        Assert.Equal("https://contactsync.example.com/contactsync/records?source=crm&status=failed", observation.Links["records"]);
        Assert.Equal("https://contactsync.example.com/contactsync/attention", observation.Links["attention"]);
        Assert.Equal(run.Id, observation.Run!.Id);
    }

    [Theory]
    [InlineData("succeeded")]
    [InlineData("completed_with_errors")]
    [InlineData("budget_exhausted")]
    [InlineData("held")]
    public void Any_other_latest_run_means_runs_no_longer_fail(string outcome)
    {
        var observation = Rules.RunFailed(Standing(Run(outcome)));

        Assert.Equal(ConditionState.Ok, observation.State);
        Assert.Equal($"The latest run of crm ended {outcome}.", observation.Summary);
    }

    [Theory]
    [InlineData("completed_with_errors")]
    [InlineData("held")]
    [InlineData("succeeded")]
    public void A_finished_run_with_failed_records_is_a_failed_run_that_counts_and_links_them(string outcome)
    {
        var observation = Rules.RunFailed(Standing(Run(outcome, failed: 2)));

        Assert.Equal(ConditionState.Bad, observation.State);
        Assert.Equal($"The latest run of crm ended {outcome} with 2 failed record(s); a later run tries them again.", observation.Summary);
        Assert.Equal(2, observation.Counts["failed"]);
        Assert.Equal("https://contactsync.example.com/contactsync/records?source=crm&status=failed", observation.Links["records"]);
    }

    [Fact]
    public void A_spent_budget_leaves_records_waiting_without_making_the_run_a_failed_one()
    {
        Assert.Equal(ConditionState.Ok, Rules.RunFailed(Standing(Run("budget_exhausted", failed: 40))).State);
    }

    [Fact]
    public void A_source_that_has_not_run_yet_settles_nothing_about_its_runs()
    {
        var standing = Standing(null);

        Assert.Equal(ConditionState.Unknown, Rules.RunFailed(standing).State);
        Assert.Equal(ConditionState.Unknown, Rules.RejectedShare(standing).State);
        Assert.Equal(ConditionState.Unknown, Rules.RemovalsHeld(standing).State);
    }

    [Theory]
    [InlineData(100, 11, ConditionState.Bad)]
    [InlineData(100, 10, ConditionState.Ok)]
    [InlineData(100, 0, ConditionState.Ok)]
    [InlineData(0, 0, ConditionState.Ok)]
    [InlineData(3, 1, ConditionState.Bad)]
    public void The_rejected_share_is_bad_only_above_the_threshold(int total, int rejected, ConditionState expected)
    {
        Assert.Equal(expected, Rules.RejectedShare(Standing(Run("completed_with_errors", total: total, rejected: rejected))).State);
    }

    [Fact]
    public void The_rejected_share_says_how_many_of_how_many_against_which_threshold_and_links_the_rejections()
    {
        var observation = Rules.RejectedShare(Standing(Run("completed_with_errors", total: 23, rejected: 5)));

        Assert.Equal("5 of 23 records (21.7%) in the latest run of crm were rejected, over the 10% threshold.", observation.Summary);
        Assert.Equal("https://contactsync.example.com/contactsync/records?source=crm&status=rejected", observation.Links["records"]);
    }

    [Fact]
    public void An_aborted_run_counts_only_what_it_reached_and_settles_nothing_about_the_rejected_share()
    {
        Assert.Equal(ConditionState.Unknown, Rules.RejectedShare(Standing(Run("aborted", total: 10, rejected: 9))).State);
    }

    [Fact]
    public void A_held_run_is_removals_held_with_the_records_waiting_counted_and_linked()
    {
        var observation = Rules.RemovalsHeld(Standing(Run("held")) with { HeldRemovals = 31 });

        Assert.Equal(ConditionState.Bad, observation.State);
        Assert.Equal(31, observation.Counts["heldRemovals"]);
        Assert.Contains("31 contact(s) it would remove wait for an operator", observation.Summary, StringComparison.Ordinal);
        Assert.Equal("https://contactsync.example.com/contactsync/records?source=crm&status=held", observation.Links["records"]);
        Assert.Equal(ConditionState.Ok, Rules.RemovalsHeld(Standing(Run("succeeded"))).State);
    }

    [Fact]
    public void A_source_is_overdue_once_the_run_due_after_its_last_has_not_finished_a_grace_interval_later()
    {
        // Every 10 minutes; the last run finished at 11:31, so the 11:40 run was due and had until 11:50 to finish.
        var lastFinished = Now.AddMinutes(-29);
        var standing = Standing(Run("succeeded", finishedAt: lastFinished), schedule: "*/10 * * * *", firstSeen: Now.AddDays(-1));

        var observation = Rules.Overdue(standing, Now);

        Assert.Equal(ConditionState.Bad, observation.State);
        Assert.Equal("No run of crm has finished since 2026-03-10 11:31:00Z; one was due at 2026-03-10 11:40:00Z (schedule */10 * * * *).", observation.Summary);
        Assert.Equal(ConditionState.Ok, Rules.Overdue(standing, new DateTimeOffset(2026, 3, 10, 11, 50, 0, TimeSpan.Zero)).State);
        Assert.Equal(ConditionState.Bad, Rules.Overdue(standing, new DateTimeOffset(2026, 3, 10, 11, 50, 1, TimeSpan.Zero)).State);
    }

    [Fact]
    public void A_schedule_that_skips_days_gives_its_own_gaps_not_a_fixed_period()
    {
        // Weekdays at 09:00: Friday's run is next followed on Monday, so the weekend is not overdue.
        var friday = new DateTimeOffset(2026, 3, 13, 9, 5, 0, TimeSpan.Zero);
        var standing = Standing(Run("succeeded", finishedAt: friday), schedule: "0 9 * * 1-5", firstSeen: friday.AddDays(-7));

        Assert.Equal(ConditionState.Ok, Rules.Overdue(standing, new DateTimeOffset(2026, 3, 15, 23, 0, 0, TimeSpan.Zero)).State);
        // Monday's run was due at 09:00 and had until Tuesday 09:00 (one interval more).
        Assert.Equal(ConditionState.Ok, Rules.Overdue(standing, new DateTimeOffset(2026, 3, 17, 8, 59, 0, TimeSpan.Zero)).State);
        Assert.Equal(ConditionState.Bad, Rules.Overdue(standing, new DateTimeOffset(2026, 3, 17, 9, 1, 0, TimeSpan.Zero)).State);
    }

    [Fact]
    public void Seconds_schedules_read_as_Hangfire_reads_them()
    {
        var standing = Standing(Run("succeeded", finishedAt: Now.AddSeconds(-10)), schedule: "*/2 * * * * *", firstSeen: Now.AddDays(-1));

        Assert.Equal(ConditionState.Bad, Rules.Overdue(standing, Now).State);
        Assert.Equal(ConditionState.Ok, Rules.Overdue(standing, Now.AddSeconds(-7)).State);
    }

    [Fact]
    public void A_run_under_way_or_an_unreadable_schedule_settles_nothing_about_being_overdue()
    {
        var old = Run("succeeded", finishedAt: Now.AddDays(-3));

        Assert.Equal(ConditionState.Unknown, Rules.Overdue(Standing(old, firstSeen: Now.AddDays(-7)) with { RunUnderWay = true }, Now).State);
        Assert.Equal(ConditionState.Unknown, Rules.Overdue(Standing(old, schedule: "every morning", firstSeen: Now.AddDays(-7)), Now).State);
    }

    [Fact]
    public void The_clock_of_a_source_starts_when_alerts_first_see_it()
    {
        // Hourly, never run: first seen now is not overdue; first seen three hours ago, with no run since, is.
        Assert.Equal(ConditionState.Ok, Rules.Overdue(Standing(null, schedule: "0 * * * *", firstSeen: null), Now).State);
        Assert.Equal(ConditionState.Bad, Rules.Overdue(Standing(null, schedule: "0 * * * *", firstSeen: Now.AddHours(-3)), Now).State);
        // A run long ago counts from when alerts first saw the source, not from the run.
        Assert.Equal(ConditionState.Ok, Rules.Overdue(Standing(Run("succeeded", finishedAt: Now.AddDays(-30)), schedule: "0 * * * *", firstSeen: Now.AddMinutes(-30)), Now).State);
    }

    [Fact]
    public void The_budget_is_spent_at_its_limit_and_recovers_only_when_a_tenth_is_free_again()
    {
        Assert.Equal(ConditionState.Bad, Rules.BudgetSpent(new BudgetStanding(5000, 5000)).State);
        Assert.Equal(ConditionState.Unknown, Rules.BudgetSpent(new BudgetStanding(5000, 4999)).State);
        Assert.Equal(ConditionState.Unknown, Rules.BudgetSpent(new BudgetStanding(5000, 4501)).State);
        Assert.Equal(ConditionState.Ok, Rules.BudgetSpent(new BudgetStanding(5000, 4500)).State);

        var spent = Rules.BudgetSpent(new BudgetStanding(5000, 5000));
        Assert.Null(spent.Source);
        Assert.Equal(5000, spent.Counts["writesLastDay"]);
        Assert.Equal("https://contactsync.example.com/contactsync/attention", spent.Links["attention"]);
    }

    [Fact]
    public void A_source_name_is_escaped_in_links()
    {
        var links = new AlertLinks("https://ops.example.com/sync");

        Assert.Equal("https://ops.example.com/sync/contactsync/records?source=a%26b&status=held", links.Records("a&b", "held"));
    }

    private static SourceStanding Standing(LatestRun? run, string schedule = "0 0 1 1 *", DateTimeOffset? firstSeen = null) =>
        new("crm", schedule, run, 0, false, firstSeen);

    private static LatestRun Run(
        string outcome, string? abortReason = null, int total = 10, int rejected = 0, DateTimeOffset? finishedAt = null, int failed = 0) =>
        new(Guid.CreateVersion7(Now), outcome, abortReason, finishedAt ?? Now.AddMinutes(-1), total, total - rejected - failed, 0, 0, rejected, failed);
}
