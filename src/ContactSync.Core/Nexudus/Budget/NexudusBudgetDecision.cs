namespace ContactSync.Core.Nexudus.Budget;

/// <summary>What the budget says to one more call.</summary>
internal abstract record NexudusBudgetDecision
{
    private NexudusBudgetDecision() { }

    /// <summary>The call fits now; it is recorded at <paramref name="At"/>.</summary>
    public sealed record Granted(DateTimeOffset At) : NexudusBudgetDecision;

    /// <summary>A rate is full: ask again at <paramref name="Until"/> (<paramref name="Now"/> is the same clock's reading).</summary>
    public sealed record Wait(DateTimeOffset Now, DateTimeOffset Until) : NexudusBudgetDecision
    {
        public TimeSpan Delay => Until - Now;
    }

    /// <summary>An hourly or daily budget is spent; a call fits again from <paramref name="FreesAt"/>.</summary>
    public sealed record Exhausted(string Budget, int Limit, DateTimeOffset FreesAt) : NexudusBudgetDecision;
}
