namespace ContactSync.Core.Nexudus.Budget;

/// <summary>
/// The budget of calls to one Nexudus client. Every HTTP attempt (retries included) acquires before it is sent. The
/// worker keeps the budget in PostgreSQL so that every replica shares it (<see cref="PostgresNexudusBudget"/>);
/// <see cref="InProcessNexudusBudget"/> keeps it in memory for a single process.
/// </summary>
public interface INexudusBudget
{
    /// <summary>
    /// Waits until one more call (and, for a POST/PUT/DELETE, one more write) fits the per-minute rates, then takes it.
    /// </summary>
    /// <exception cref="NexudusBudgetExhaustedException">An hourly or daily budget is spent; nothing may be sent.</exception>
    ValueTask AcquireAsync(bool isWrite, CancellationToken cancellationToken);

    /// <summary>
    /// Nexudus throttled a call: hold every call back until <paramref name="retryAfter"/> has passed, and slow down
    /// for a while (<see cref="NexudusBudgetSlowdown"/>).
    /// </summary>
    ValueTask ReportThrottledAsync(TimeSpan retryAfter, CancellationToken cancellationToken);
}
