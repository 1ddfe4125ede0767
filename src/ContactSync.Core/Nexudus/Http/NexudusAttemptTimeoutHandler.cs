using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace ContactSync.Core.Nexudus.Http;

/// <summary>
/// Bounds one attempt from the moment the budget lets it go until its answer has been read whole (the response
/// limit handler sits inside it). Waiting for budget is not part of an attempt: in a backlog a call may wait longer
/// for its slot than an answer may take, and must not be abandoned for it. The total timeout, outside the retry,
/// still bounds the whole call, waits included, which is what the ledger's in-flight lease relies on.
/// A timed-out attempt raises the same <see cref="TimeoutRejectedException"/> the pipeline's own timeout would, so the
/// retry and the ambiguity rules read it alike.
/// </summary>
internal sealed class NexudusAttemptTimeoutHandler(IOptions<NexudusOptions> options, TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var timeout = options.Value.AttemptTimeout;
        using var attempt = new CancellationTokenSource(timeout, time);
        using var caller = cancellationToken.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), attempt);
        try
        {
            var response = await base.SendAsync(request, attempt.Token);
            Telemetry.ContactSyncMetrics.NexudusCall(request.Method.Method, (int)response.StatusCode);
            return response;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            // No answer (dropped, timed out, cancelled): counted as status 0.
            Telemetry.ContactSyncMetrics.NexudusCall(request.Method.Method, 0);
            if (e is OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutRejectedException($"Nexudus did not answer within the attempt timeout of {timeout}.", timeout, e);
            }

            throw;
        }
    }
}
