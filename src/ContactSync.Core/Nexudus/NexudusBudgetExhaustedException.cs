using System.Globalization;

namespace ContactSync.Core.Nexudus;

/// <summary>
/// An hourly or daily API budget is spent, so the call was not sent. Not a failure: the run stops cleanly, its
/// remaining records stay pending, and a run after <see cref="FreesAt"/> carries on. The message holds no personal data.
/// </summary>
public sealed class NexudusBudgetExhaustedException : Exception
{
    public NexudusBudgetExhaustedException(string budget, int limit, DateTimeOffset freesAt)
        : base(string.Create(
            CultureInfo.InvariantCulture,
            $"The Nexudus budget of {limit} {budget} is spent; it frees from {freesAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC."))
    {
        Budget = budget;
        Limit = limit;
        FreesAt = freesAt;
    }

    public NexudusBudgetExhaustedException()
        : this("calls", 0, DateTimeOffset.MinValue) { }

    public NexudusBudgetExhaustedException(string message)
        : base(message) { Budget = "calls"; }

    public NexudusBudgetExhaustedException(string message, Exception innerException)
        : base(message, innerException) { Budget = "calls"; }

    /// <summary>Which budget, e.g. "writes per day".</summary>
    public string Budget { get; }

    public int Limit { get; }

    /// <summary>When the first call fits again, by the clock that keeps the budget.</summary>
    public DateTimeOffset FreesAt { get; }
}
