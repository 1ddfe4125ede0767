namespace ContactSync.Core.Nexudus.Budget;

/// <summary>One call the budget granted.</summary>
internal readonly record struct NexudusCall(DateTimeOffset At, bool IsWrite);

/// <summary>
/// What the budget needs to know to decide on one more call, read under the budget's lock.
/// </summary>
/// <param name="Now">The clock every grant is timed by (the database's, for the shared budget).</param>
/// <param name="LastCallAt">The newest grant, however old.</param>
/// <param name="RecentCalls">Every grant inside <see cref="NexudusBudgetLimits.RateWindow"/> (older ones are ignored).</param>
/// <param name="DayOfWritesFullSince">The <c>WritesPerDay</c>-th newest write inside the day window, or null if fewer.</param>
/// <param name="HourOfCallsFullSince">The <c>CallsPerHour</c>-th newest call inside the hour window, or null if fewer.</param>
internal sealed record NexudusBudgetSnapshot(
    DateTimeOffset Now,
    DateTimeOffset? LastCallAt,
    IReadOnlyList<NexudusCall> RecentCalls,
    DateTimeOffset? DayOfWritesFullSince,
    DateTimeOffset? HourOfCallsFullSince,
    NexudusBudgetSlowdown Throttle);
