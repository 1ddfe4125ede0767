namespace ContactSync.Core.Alerts;

/// <summary>What can go bad, each alerted on by its own key: per source, except the account's budget.</summary>
public static class AlertConditions
{
    /// <summary>The source's latest run was aborted (not by a shutdown, which the next run resumes).</summary>
    public const string RunFailed = "run_failed";

    /// <summary>The source's latest complete run rejected more than <see cref="AlertOptions.RejectedShareThreshold"/> of its records.</summary>
    public const string RejectedShare = "rejected_share";

    /// <summary>No run of the source has finished for longer than its schedule allows (<see cref="AlertOptions.OverdueGrace"/>).</summary>
    public const string Overdue = "overdue";

    /// <summary>The source's latest run held back removals beyond its limits (Mirror), waiting for an operator.</summary>
    public const string RemovalsHeld = "removals_held";

    /// <summary>The Nexudus login's daily write budget is spent (account-wide: every source shares it).</summary>
    public const string BudgetSpent = "budget_spent";

    /// <summary>The conditions of each source, in the order they are evaluated.</summary>
    public static readonly IReadOnlyList<string> OfSources = [RunFailed, RejectedShare, Overdue, RemovalsHeld];

    /// <summary>How a condition reads in a message title.</summary>
    public static string Title(string condition) => condition switch
    {
        RunFailed => "run failed",
        RejectedShare => "rejected share over threshold",
        Overdue => "run overdue",
        RemovalsHeld => "removals held",
        BudgetSpent => "Nexudus daily budget spent",
        _ => condition,
    };
}
