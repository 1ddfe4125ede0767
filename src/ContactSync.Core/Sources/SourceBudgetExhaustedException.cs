namespace ContactSync.Core.Sources;

/// <summary>
/// The source's own API allowance is spent (HubSpot's daily limit): the run stops cleanly as budget-exhausted and is
/// not retried, since nothing can be read before <see cref="ResetsAt"/>. The message holds no personal data.
/// </summary>
public sealed class SourceBudgetExhaustedException(string message, DateTimeOffset resetsAt) : Exception(message)
{
    public DateTimeOffset ResetsAt { get; } = resetsAt;
}
