using System.Net;

namespace ContactSync.Core.Sources;

/// <summary>
/// What a source's client brings to each request when its API has a <see cref="SourceBudget"/>: the budget, and how
/// the API says when a 429 ends (a header of its own, or the standard <c>Retry-After</c>).
/// </summary>
internal class BudgetedSourceCall(TimeSpan attemptTimeout, SourceBudget budget) : SourceCall(attemptTimeout)
{
    public SourceBudget Budget { get; } = budget;

    /// <summary>
    /// When a 429 ends, from its answer: <c>Retry-After</c> in seconds, or as a date against the answer's own
    /// <c>Date</c> (both on the API's clock), unless the API says it otherwise. Not said, or more than an hour: a window.
    /// </summary>
    public virtual ThrottleEnd ThrottledUntil(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var retryAfter = response.Headers.RetryAfter;
        var wait = retryAfter?.Delta
                   ?? (retryAfter?.Date is { } date && response.Headers.Date is { } sent ? date - sent : null);
        return wait is { } after && after > TimeSpan.Zero && after <= TimeSpan.FromHours(1) ? new ThrottleEnd(null, after) : ThrottleEnd.Unknown;
    }
}

/// <summary>
/// Waits for the source's shared limit before each attempt leaves, and on a 429 holds every replica back until the API
/// says the limit frees (<see cref="BudgetedSourceCall.ThrottledUntil"/>), so the retry that follows waits instead of
/// hammering. The budget is the client's (on the request): this handler is shared by every source of its type.
/// </summary>
internal sealed class SourceBudgetHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var call = SourceCall.Of<BudgetedSourceCall>(request);
        await call.Budget.AcquireAsync(cancellationToken);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            await call.Budget.ReportThrottledAsync(call.ThrottledUntil(response), cancellationToken);
        }

        return response;
    }
}
