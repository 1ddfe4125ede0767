using System.Runtime.ExceptionServices;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Refit;

namespace ContactSync.Core.Nexudus.Http;

/// <summary>
/// A call that ended without a response, and what that proves: <see cref="CertainlyNotSent"/> means Nexudus cannot
/// have processed it. <see cref="Reason"/> is safe to show: it names the failure, never data.
/// </summary>
internal sealed record CallFailure(bool CertainlyNotSent, string Reason, Exception Exception)
{
    private const string NotSentReason = "abandoned before sending (waiting for the rate limit or a token)";

    /// <summary>
    /// Classifies an exception from a Refit call. Cancellation by the caller, authentication failures and a spent API
    /// budget are not failures of the call and are rethrown.
    /// </summary>
    public static CallFailure From(Exception exception, CancellationToken cancellationToken)
    {
        var cause = exception is ApiRequestException { InnerException: { } inner } ? inner : exception;
        if (cause is NexudusConfigurationException or NexudusBudgetExhaustedException)
        {
            ExceptionDispatchInfo.Throw(cause);
        }

        // A call abandoned before it left is certainly not sent, even when the caller gave up (a shutdown finds most
        // lanes waiting for the budget): saying so lets the caller release its record instead of leaving it in doubt.
        if (HttpFailures.NeverReachedServer(cause))
        {
            var reason = cause switch
            {
                NexudusRequestNotSentException => NotSentReason,
                NexudusUnavailableException => cause.Message,
                _ => "could not connect",
            };
            return new(true, reason, cause);
        }

        cancellationToken.ThrowIfCancellationRequested();

        return cause switch
        {
            BrokenCircuitException => new(true, "circuit open after repeated failures", cause),
            // The request was processed; only its answer was refused.
            NexudusResponseTooLargeException => new(false, cause.Message, cause),
            TimeoutRejectedException or OperationCanceledException => new(false, "timed out", cause),
            HttpRequestException => new(false, "connection lost", cause),
            _ => new(false, $"failed ({cause.GetType().Name})", cause),
        };
    }

    /// <summary>Exceptions a Refit call may end with when the request, not the code, failed.</summary>
    public static bool IsCallException(Exception exception) => exception is ApiRequestException or HttpRequestException
        or TimeoutRejectedException or BrokenCircuitException or OperationCanceledException
        or NexudusRequestNotSentException or NexudusUnavailableException or NexudusConfigurationException
        or NexudusBudgetExhaustedException or NexudusResponseTooLargeException;
}
