using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace ContactSync.Core.Nexudus.Http;

/// <summary>
/// The resilience pipeline of the Nexudus client, outermost first: total timeout, retry, circuit breaker. Each attempt
/// inside it passes the auth handler, waits for the budget, and only then starts its own timeout
/// (<see cref="NexudusAttemptTimeoutHandler"/>). Retries here cover one HTTP call; retries across runs belong to the
/// sync ledger (docs/decisions/0002).
/// </summary>
internal static class NexudusResiliencePipeline
{
    public const string Name = "nexudus";

    public static ResiliencePipeline<HttpResponseMessage> Build(NexudusOptions options, TimeProvider time, ILogger? logger = null)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        Configure(builder, options, time, logger ?? NullLogger.Instance);
        return builder.Build();
    }

    public static void Configure(
        ResiliencePipelineBuilder<HttpResponseMessage> builder, NexudusOptions options, TimeProvider time, ILogger logger)
    {
        builder.TimeProvider = time;
        builder
            .AddTimeout(new TimeoutStrategyOptions { Name = "nexudus-total-timeout", Timeout = options.TotalTimeout })
            .AddRetry(RetryOptions(options, time, logger))
            .AddCircuitBreaker(CircuitBreakerOptions(logger));
    }

    internal static RetryStrategyOptions<HttpResponseMessage> RetryOptions(NexudusOptions options, TimeProvider time, ILogger logger) => new()
    {
        Name = "nexudus-retry",
        MaxRetryAttempts = options.MaxRetries,
        BackoffType = DelayBackoffType.Exponential,
        UseJitter = true,
        Delay = options.RetryBaseDelay,
        MaxDelay = options.MaxRetryDelay,
        // A stopping run sends nothing new, retries included: the outcome so far is the call's answer.
        ShouldHandle = args => ValueTask.FromResult(
            !NexudusSendWindow.Current.IsCancellationRequested && ShouldRetry(args.Outcome, MethodOf(args.Context, args.Outcome))),
        DelayGenerator = args => ValueTask.FromResult(DelayFromRetryAfter(args.Outcome, time, options.MaxRetryDelay)),
        OnRetry = args =>
        {
            NexudusLogMessages.Retrying(
                logger,
                MethodOf(args.Context, args.Outcome)?.Method ?? "?",
                args.AttemptNumber + 1,
                Describe(args.Outcome),
                args.RetryDelay);
            return ValueTask.CompletedTask;
        },
    };

    internal static CircuitBreakerStrategyOptions<HttpResponseMessage> CircuitBreakerOptions(ILogger logger) => new()
    {
        Name = "nexudus-circuit-breaker",
        FailureRatio = 0.5,
        SamplingDuration = TimeSpan.FromSeconds(30),
        MinimumThroughput = 10,
        BreakDuration = TimeSpan.FromSeconds(30),
        ShouldHandle = args => ValueTask.FromResult(IsServerTrouble(args.Outcome)),
        OnOpened = args =>
        {
            NexudusLogMessages.CircuitOpened(logger, args.BreakDuration, Describe(args.Outcome));
            return ValueTask.CompletedTask;
        },
        OnClosed = _ =>
        {
            NexudusLogMessages.CircuitClosed(logger);
            return ValueTask.CompletedTask;
        },
    };

    /// <summary>
    /// Whether another attempt may help and cannot do harm. A POST is retried only when the outcome proves Nexudus
    /// did not process it (throttled, or never reached); a POST that timed out or met a 5xx may have created the
    /// record, so it ends as ambiguous and the caller looks the record up before anything is re-sent.
    /// GET, PUT and DELETE are idempotent and are retried on any transient failure.
    /// </summary>
    internal static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, HttpMethod? method)
    {
        if (outcome.Exception is { } exception && HttpFailures.NeverReachedServer(exception))
        {
            return true;
        }

        if (outcome.Result is { } throttled && HttpFailures.IsThrottled(throttled.StatusCode))
        {
            return true;
        }

        // An unknown method is treated as a POST: the safe assumption.
        if (method is null || method == HttpMethod.Post)
        {
            return false;
        }

        return outcome switch
        {
            { Exception: HttpRequestException or TimeoutRejectedException } => true,
            { Result: { } response } => HttpFailures.IsServerFailure(response.StatusCode),
            _ => false,
        };
    }

    /// <summary>What counts toward opening the circuit: Nexudus failing or pushing back, not our own early give-ups.</summary>
    internal static bool IsServerTrouble(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: NexudusRequestNotSentException or NexudusUnavailableException } => false,
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Result: { } response } => HttpFailures.IsServerFailure(response.StatusCode) || HttpFailures.IsThrottled(response.StatusCode),
        _ => false,
    };

    /// <summary>The wait Nexudus asked for, capped, with a little jitter so that waiting callers do not return together; null falls back to backoff.</summary>
    internal static TimeSpan? DelayFromRetryAfter(Outcome<HttpResponseMessage> outcome, TimeProvider time, TimeSpan cap)
    {
        if (outcome.Result is not { } response || RetryAfter.From(response, time) is not { } retryAfter)
        {
            return null;
        }

        var capped = RetryAfter.Cap(retryAfter, cap);
        return RetryAfter.Cap(capped + (capped * 0.1 * Random.Shared.NextDouble()), cap);
    }

    private static HttpMethod? MethodOf(ResilienceContext context, Outcome<HttpResponseMessage> outcome)
        => context.GetRequestMessage()?.Method ?? outcome.Result?.RequestMessage?.Method;

    private static string Describe(Outcome<HttpResponseMessage> outcome)
        => outcome.Result is { } response ? ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture)
            : outcome.Exception?.GetType().Name ?? "none";
}
