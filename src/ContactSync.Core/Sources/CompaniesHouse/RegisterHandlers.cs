using System.Globalization;
using System.Net;
using Polly;
using Polly.Retry;

namespace ContactSync.Core.Sources.CompaniesHouse;

/// <summary>
/// One register client's own settings and state, carried on each of its requests (see <see cref="SourceCall"/>): its
/// attempt timeout and its key's budget. A 429 from the register has no <c>Retry-After</c>: it says when the window
/// resets in <c>X-Ratelimit-Reset</c> (Unix seconds).
/// </summary>
internal sealed class RegisterCall(TimeSpan attemptTimeout, SourceBudget budget) : BudgetedSourceCall(attemptTimeout, budget)
{
    /// <summary>The register times a request when it arrives: a second's guard keeps one sent at the window's edge out of a full window.</summary>
    internal static readonly TimeSpan Guard = TimeSpan.FromSeconds(1);

    public override ThrottleEnd ThrottledUntil(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.Headers.TryGetValues("X-Ratelimit-Reset", out var values)
               && long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
               && seconds is > 1_000_000_000 and < 100_000_000_000
            ? new ThrottleEnd(DateTimeOffset.FromUnixTimeSeconds(seconds) + Guard, null)
            : ThrottleEnd.Unknown;
    }
}

/// <summary>Retries what may pass on another attempt: a 429 (after the budget's wait), 5xx, and a transport failure or timeout. Reads only, so always safe.</summary>
internal static class RegisterRetry
{
    public const string PipelineName = "register";

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
            // After a 429 the budget holds the next attempt until the reset: no backoff on top.
            DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                args.Outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests ? TimeSpan.Zero : null),
        });
    }
}
