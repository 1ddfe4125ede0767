using ContactSync.Core.Nexudus;
using ContactSync.Core.Nexudus.Budget;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContactSync.Core.Nexudus.Http;

/// <summary>
/// Takes a slot from the budget for every attempt (it sits inside the retry, so retries spend budget too) and tells
/// the budget when Nexudus throttled anyway, so that every caller backs off, not just this one.
/// </summary>
internal sealed class NexudusBudgetHandler(
    INexudusBudget budget, NexudusSendSpacing spacing, NexudusBudgetWaits waits, IOptions<NexudusOptions> options, TimeProvider time, ILogger<NexudusBudgetHandler> logger)
    : DelegatingHandler
{
    // A 409 without Retry-After still means "not now".
    private static readonly TimeSpan DefaultPause = TimeSpan.FromSeconds(1);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var asked = time.GetTimestamp();
        var isWrite = HttpFailures.IsWrite(request.Method);
        var closing = NexudusSendWindow.Current;
        try
        {
            // A stopping run waits for no slot: what has not left yet stays unsent.
            using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, closing);
            await budget.AcquireAsync(isWrite, waiting.Token);
            await spacing.WaitTurnAsync(waiting.Token);
            closing.ThrowIfCancellationRequested();
            var waited = time.GetElapsedTime(asked);
            waits.Record(waited);
            if (Telemetry.RunMeter.Current is { } meter)
            {
                meter.WaitedFor(waited);
                meter.Sent(isWrite);
            }
        }
        catch (OperationCanceledException e)
        {
            throw new NexudusRequestNotSentException(
                closing.IsCancellationRequested
                    ? "The request to Nexudus was not sent: the worker is stopping."
                    : "The request to Nexudus was abandoned while waiting for the rate limit.",
                e);
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (HttpFailures.IsThrottled(response.StatusCode))
        {
            await RetryAfter.NormaliseAsync(response, cancellationToken);
            var pause = RetryAfter.Cap(RetryAfter.From(response, time) ?? DefaultPause, options.Value.MaxRetryDelay);
            // Not cancellable: the 409 proves Nexudus did not process the request, and a report cut short must not
            // turn that answer into an exception whose outcome looks unknown.
            await budget.ReportThrottledAsync(pause, CancellationToken.None);
            NexudusLogMessages.Throttled(logger, NexudusUris.Describe(request), (int)response.StatusCode, pause);
        }

        return response;
    }
}
