namespace ContactSync.Core.Sources.HubSpot;

/// <summary>
/// One HubSpot client's own settings and state, carried on each of its requests (see <see cref="SourceCall"/>): its
/// attempt timeout, how far its budget has paced it (<see cref="HubSpotBudgetHandler"/>), and its counts.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA2213", Justification = "A semaphore never waited on with a handle holds nothing to release.")]
internal sealed class HubSpotCall(TimeSpan attemptTimeout, int requestsPerSecond, int searchesPerSecond) : SourceCall(attemptTimeout)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly TimeSpan _requestGap = TimeSpan.FromSeconds(1.0 / requestsPerSecond);
    private readonly TimeSpan _searchGap = TimeSpan.FromSeconds(1.0 / searchesPerSecond);
    private DateTimeOffset _nextRequest = DateTimeOffset.MinValue;
    private DateTimeOffset _nextSearch = DateTimeOffset.MinValue;

    public HubSpotCalls Calls { get; } = new();

    /// <summary>Waits until this client may send: a request no sooner than its gap after the last, a search no sooner than its own.</summary>
    public async Task WaitTurnAsync(bool search, TimeProvider time, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var now = time.GetUtcNow();
            var at = search ? Max(_nextRequest, _nextSearch) : _nextRequest;
            if (at > now)
            {
                await Task.Delay(at - now, time, cancellationToken);
                now = at;
            }

            _nextRequest = now + _requestGap;
            if (search)
            {
                _nextSearch = now + _searchGap;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private static DateTimeOffset Max(DateTimeOffset one, DateTimeOffset other) => one > other ? one : other;
}
