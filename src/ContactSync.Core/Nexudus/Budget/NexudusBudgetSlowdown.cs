namespace ContactSync.Core.Nexudus.Budget;

/// <summary>
/// What Nexudus's throttling (a 409 with <c>Retry-After</c>) did to the budget: a pause every caller honours, and a
/// slow-down. Each throttling episode halves the per-minute rates (down to an eighth); every
/// <see cref="RecoveryStep"/> without a new 409 doubles them again, one step at a time. A 409 that arrives while
/// the pause from an earlier one still runs belongs to the same episode (calls already in flight, other replicas)
/// and only extends the pause.
/// </summary>
internal sealed record NexudusBudgetSlowdown(DateTimeOffset? PausedUntil, int Level, DateTimeOffset? SlowedAt)
{
    public const int MaxLevel = 3;

    /// <summary>Two full rate windows at the lower rate, so Nexudus's own window has seen only slower traffic.</summary>
    public static readonly TimeSpan RecoveryStep = TimeSpan.FromMinutes(2);

    public static readonly NexudusBudgetSlowdown None = new(null, 0, null);

    /// <summary>How many times the rates are halved at <paramref name="now"/>, after the steps recovered since the last slow-down.</summary>
    public int LevelAt(DateTimeOffset now)
    {
        if (SlowedAt is not { } slowedAt || Level <= 0)
        {
            return 0;
        }

        var recovered = now <= slowedAt ? 0 : (int)Math.Min(MaxLevel, (now - slowedAt).Ticks / RecoveryStep.Ticks);
        return Math.Max(0, Level - recovered);
    }

    public NexudusBudgetSlowdown AfterThrottled(DateTimeOffset now, TimeSpan retryAfter)
    {
        var until = now + (retryAfter > TimeSpan.Zero ? retryAfter : TimeSpan.Zero);
        if (PausedUntil is { } paused && paused > now)
        {
            return this with { PausedUntil = until > paused ? until : paused };
        }

        return new NexudusBudgetSlowdown(until, Math.Min(MaxLevel, LevelAt(now) + 1), now);
    }
}
