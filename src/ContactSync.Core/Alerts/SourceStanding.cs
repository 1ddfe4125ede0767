namespace ContactSync.Core.Alerts;

/// <summary>
/// The latest run of a source that says something about it: finished, and not skipped, a dry run, one that lost its
/// lease (the run holding the source reports) or one a shutdown cancelled (the next run resumes it).
/// </summary>
public sealed record LatestRun(
    Guid Id,
    string Outcome,
    string? AbortReason,
    DateTimeOffset FinishedAt,
    int Total,
    int Created,
    int Updated,
    int Removed,
    int Rejected,
    int Failed);

/// <summary>What the alert rules look at for one source, as read from the database.</summary>
/// <param name="HeldRemovals">Records whose removal the latest run held back (as the records page counts them).</param>
/// <param name="RunUnderWay">A run holds the source's lease now.</param>
/// <param name="FirstSeenAt">When alerts first evaluated the source; null before the first time.</param>
public sealed record SourceStanding(
    string Source,
    string Schedule,
    LatestRun? Latest,
    long HeldRemovals,
    bool RunUnderWay,
    DateTimeOffset? FirstSeenAt);

/// <summary>The Nexudus login's writes in the last 24 hours against its daily budget.</summary>
public sealed record BudgetStanding(int WritesPerDay, long WritesLastDay);
