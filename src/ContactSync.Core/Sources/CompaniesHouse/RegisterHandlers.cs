using System.Net;
using Polly;
using Polly.Retry;

namespace ContactSync.Core.Sources.CompaniesHouse;

/// <summary>
/// Waits for the shared limit before each attempt leaves, and on a 429 holds every replica back until the register's
/// reset (<c>X-Ratelimit-Reset</c>; a 429 has no <c>Retry-After</c>), so the retry that follows waits instead of hammering.
/// </summary>
internal sealed class RegisterRateLimitHandler(RegisterRateGate gate) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await gate.AcquireAsync(cancellationToken);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            await gate.ReportThrottledAsync(RegisterRateGate.ResetOf(response), cancellationToken);
        }

        return response;
    }
}

/// <summary>Retries what may pass on another attempt: a 429 (after the gate's wait), 5xx, and a transport failure or timeout. Reads only, so always safe.</summary>
internal static class RegisterRetry
{
    public static ResiliencePipeline<HttpResponseMessage> Build(TimeProvider time) => new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
        .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
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
            // After a 429 the gate holds the next attempt until the reset: no backoff on top.
            DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                args.Outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests ? TimeSpan.Zero : null),
        })
        .Build();
}
