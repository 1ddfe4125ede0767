namespace ContactSync.Core.Nexudus;

/// <summary>
/// The budget of calls to Nexudus, shared by everything in the process that calls it. Every HTTP attempt (retries
/// included) acquires before it is sent. Behind an interface because several replicas will later share the budget
/// through PostgreSQL.
/// </summary>
public interface INexudusRateGate
{
    /// <summary>Waits until one more call (and, for a POST/PUT/DELETE, one more write) fits the budget, then takes it.</summary>
    ValueTask AcquireAsync(bool isWrite, CancellationToken cancellationToken);

    /// <summary>Nexudus throttled a call: hold every call back until <paramref name="retryAfter"/> has passed.</summary>
    void ReportThrottled(TimeSpan retryAfter);
}
