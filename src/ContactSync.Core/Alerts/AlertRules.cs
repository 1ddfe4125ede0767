using System.Globalization;
using ContactSync.Core.Ledger;
using ContactSync.Core.Runs;

namespace ContactSync.Core.Alerts;

/// <summary>
/// Decides each condition from what was read: no I/O, so every rule is tested on its own. A condition the facts do not
/// settle (no run yet, a run under way, a budget between spent and comfortably free) is <see cref="ConditionState.Unknown"/>
/// and keeps its state.
/// </summary>
public sealed class AlertRules(AlertOptions options)
{
    /// <summary>
    /// A spent budget recovers only once this share of it is free again: writes leave the 24-hour window one by one, and
    /// each is spent again by the next run, so "one free" would flap.
    /// </summary>
    public const double BudgetRecoveredShare = 0.1;

    private readonly AlertLinks _links = new(options.DashboardUrl ?? "");

    public IEnumerable<Observation> ForSource(SourceStanding standing, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(standing);
        yield return RunFailed(standing);
        yield return RejectedShare(standing);
        yield return Overdue(standing, now);
        yield return RemovalsHeld(standing);
    }

    public Observation RunFailed(SourceStanding standing)
    {
        ArgumentNullException.ThrowIfNull(standing);
        if (standing.Latest is not { } run)
        {
            return Observation.Unknown(AlertConditions.RunFailed, standing.Source);
        }

        // A run that finished with records it could not write (an update, a create or a removal Nexudus refused or
        // failed) failed too, for those records. A spent budget's waiting records are budget_spent's, not failures.
        var aborted = run.Outcome == RunOutcome.Aborted;
        var failedRecords = !aborted && run.Outcome != RunOutcome.BudgetExhausted && run.Failed > 0;
        var bad = aborted || failedRecords;
        var summary = aborted
            ? $"The latest run of {standing.Source} was aborted{Why(run.AbortReason)}."
            : failedRecords
                ? string.Create(CultureInfo.InvariantCulture,
                    $"The latest run of {standing.Source} ended {run.Outcome} with {run.Failed} failed record(s); a later run tries them again.")
                : $"The latest run of {standing.Source} ended {run.Outcome}.";
        return Of(AlertConditions.RunFailed, standing, bad, summary, RunCounts(run), Links(standing.Source, run, RecordState.Failed));
    }

    public Observation RejectedShare(SourceStanding standing)
    {
        ArgumentNullException.ThrowIfNull(standing);
        if (standing.Latest is not { } run || !RunOutcome.ReadWhole.Contains(run.Outcome))
        {
            return Observation.Unknown(AlertConditions.RejectedShare, standing.Source);
        }

        var share = run.Total == 0 ? 0 : (double)run.Rejected / run.Total;
        var bad = share > options.RejectedShareThreshold;
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"{run.Rejected} of {run.Total} records ({Percent(share)}) in the latest run of {standing.Source} were rejected, " +
            $"{(bad ? "over" : "within")} the {Percent(options.RejectedShareThreshold)} threshold.");
        return Of(AlertConditions.RejectedShare, standing, bad, summary, RunCounts(run), Links(standing.Source, run, RecordState.Rejected));
    }

    /// <summary>
    /// Overdue: the first run the schedule set after the last finished one (or after alerts first saw the source, if
    /// later) has not finished (grace - 1) intervals after it was due. A run under way is progress, not lateness.
    /// </summary>
    public Observation Overdue(SourceStanding standing, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(standing);
        var reference = Later(standing.Latest?.FinishedAt, standing.FirstSeenAt ?? now);
        if (standing.RunUnderWay
            || !SourceSchedule.TryParse(standing.Schedule, out var schedule)
            || schedule.NextAfter(reference) is not { } next)
        {
            return Observation.Unknown(AlertConditions.Overdue, standing.Source);
        }

        var deadline = next.Due + (next.Interval * (options.OverdueGrace - 1));
        var bad = now > deadline;
        var summary = bad
            ? string.Create(CultureInfo.InvariantCulture,
                $"No run of {standing.Source} has finished since {Time(reference)}; one was due at {Time(next.Due)} (schedule {standing.Schedule}).")
            : standing.Latest is { } run
                ? string.Create(CultureInfo.InvariantCulture, $"The latest run of {standing.Source} finished at {Time(run.FinishedAt)}, within its schedule.")
                : $"{standing.Source} is within its schedule.";
        var links = new Dictionary<string, string>(StringComparer.Ordinal);
        if (standing.Latest is { } latest)
        {
            links["run"] = _links.Run(latest.Id);
        }

        links["attention"] = _links.Attention();
        return Of(AlertConditions.Overdue, standing, bad, summary, new Dictionary<string, long>(), links);
    }

    public Observation RemovalsHeld(SourceStanding standing)
    {
        ArgumentNullException.ThrowIfNull(standing);
        if (standing.Latest is not { } run)
        {
            return Observation.Unknown(AlertConditions.RemovalsHeld, standing.Source);
        }

        var bad = run.Outcome == RunOutcome.Held;
        var summary = bad
            ? string.Create(CultureInfo.InvariantCulture,
                $"The latest run of {standing.Source} removed nothing: {standing.HeldRemovals} contact(s) it would remove wait for an operator (sync-once --source {standing.Source} --confirm-removals if they are really gone).")
            : $"The latest run of {standing.Source} held no removals back.";
        var counts = RunCounts(run);
        counts["heldRemovals"] = bad ? standing.HeldRemovals : 0;
        return Of(AlertConditions.RemovalsHeld, standing, bad, summary, counts, Links(standing.Source, run, RecordState.Held));
    }

    public Observation BudgetSpent(BudgetStanding budget)
    {
        ArgumentNullException.ThrowIfNull(budget);
        var free = budget.WritesPerDay - budget.WritesLastDay;
        var state = free <= 0 ? ConditionState.Bad
            : free >= Math.Max(1, Math.Ceiling(budget.WritesPerDay * BudgetRecoveredShare)) ? ConditionState.Ok
            : ConditionState.Unknown;
        if (state == ConditionState.Unknown)
        {
            return Observation.Unknown(AlertConditions.BudgetSpent, null);
        }

        var summary = state == ConditionState.Bad
            ? string.Create(CultureInfo.InvariantCulture,
                $"The Nexudus daily write budget is spent: {budget.WritesLastDay} of {budget.WritesPerDay} writes in the last 24 hours. Runs stop as budget_exhausted and carry on as writes free up.")
            : string.Create(CultureInfo.InvariantCulture, $"The Nexudus daily write budget has {free} of {budget.WritesPerDay} writes free again.");
        return new Observation(AlertConditions.BudgetSpent, null, state, summary, null,
            new Dictionary<string, long> { ["writesLastDay"] = budget.WritesLastDay, ["writesPerDay"] = budget.WritesPerDay },
            new Dictionary<string, string> { ["attention"] = _links.Attention() });
    }

    /// <summary>A source no longer configured: whatever was bad about it is closed, so no receiver waits for its recovery.</summary>
    public Observation NoLongerConfigured(string source, string condition) =>
        new(condition, source, ConditionState.Ok, $"{source} is no longer configured.", null, new Dictionary<string, long>(),
            new Dictionary<string, string> { ["attention"] = _links.Attention() });

    private static Observation Of(
        string condition, SourceStanding standing, bool bad, string summary, Dictionary<string, long> counts, Dictionary<string, string> links) =>
        new(condition, standing.Source, bad ? ConditionState.Bad : ConditionState.Ok, summary,
            standing.Latest is { } run ? new AlertRun(run.Id, run.Outcome, run.FinishedAt) : null, counts, links);

    private static Dictionary<string, long> RunCounts(LatestRun run) => new(StringComparer.Ordinal)
    {
        ["total"] = run.Total,
        ["created"] = run.Created,
        ["updated"] = run.Updated,
        [RecordState.Removed] = run.Removed,
        [RecordState.Rejected] = run.Rejected,
        [RecordState.Failed] = run.Failed,
    };

    private Dictionary<string, string> Links(string source, LatestRun run, string status) => new(StringComparer.Ordinal)
    {
        ["run"] = _links.Run(run.Id),
        ["records"] = _links.Records(source, status),
        ["attention"] = _links.Attention(),
    };

    // The stored reasons, in words; never the run's error text, which may quote what a service answered.
    private static string Why(string? abortReason) => abortReason switch
    {
        "nexudus_unavailable" => " (Nexudus could not be reached or kept failing)",
        "nexudus_configuration" => " (Nexudus refused the configuration: the login, a role or the base URL)",
        "source_configuration" => " (the source refused its configuration)",
        "source_unavailable" => " (the source could not be read whole)",
        "abandoned" => " (its worker stopped before it finished)",
        _ => "",
    };

    private static DateTimeOffset Later(DateTimeOffset? a, DateTimeOffset b) => a is { } value && value > b ? value : b;

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Percent(double share) => (share * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}
