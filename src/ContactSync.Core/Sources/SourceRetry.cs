using System.Net;
using Polly;
using Polly.Retry;

namespace ContactSync.Core.Sources;

/// <summary>
/// The retry of a source API whose calls take from a <see cref="SourceBudget"/> (the register, Sumsub): what may pass
/// on another attempt (a 429, 5xx, a transport failure or timeout), four times at most, so an API that keeps failing
/// costs a handful of calls. Reads only, so always safe. After a 429 the budget holds the next attempt until the API
/// said; no backoff on top.
/// </summary>
internal static class SourceRetry
{
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.TimeProvider = time;
        builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
        {
            MaxRetryAttempts = 4,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromSeconds(1),
            MaxDelay = TimeSpan.FromSeconds(20),
            ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
            {
                { Exception: HttpRequestException or TimeoutException } => true,
                { Result: { } response } => response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500,
                _ => false,
            }),
            DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                args.Outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests ? TimeSpan.Zero : null),
        });
    }
}
