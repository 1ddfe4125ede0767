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

/// <summary>The register's answer is larger than ContactSync reads: not retried (it would be as large again).</summary>
internal sealed class RegisterAnswerTooLargeException(long limit) : Exception($"The register's answer is larger than {limit} bytes.");

/// <summary>
/// Times one attempt from the moment the gate lets it go, and reads its body whole inside that time, never more than
/// the limit (counted as it arrives, whatever Content-Length says).
/// </summary>
internal sealed class RegisterAttemptHandler(TimeSpan timeout, long maxBytes) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(timeout);
        HttpResponseMessage? response = null;
        try
        {
            response = await base.SendAsync(request, attempt.Token);
            if (response.Content.Headers.ContentLength > maxBytes)
            {
                throw new RegisterAnswerTooLargeException(maxBytes);
            }

            using var buffer = new MemoryStream();
            await using (var body = await response.Content.ReadAsStreamAsync(attempt.Token))
            {
                var chunk = new byte[64 * 1024];
                int read;
                while ((read = await body.ReadAsync(chunk, attempt.Token)) > 0)
                {
                    if (buffer.Length + read > maxBytes)
                    {
                        throw new RegisterAnswerTooLargeException(maxBytes);
                    }

                    buffer.Write(chunk, 0, read);
                }
            }

            var buffered = new ByteArrayContent(buffer.ToArray());
            foreach (var header in response.Content.Headers)
            {
                buffered.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            response.Content.Dispose();
            response.Content = buffered;
            var answered = response;
            response = null;
            return answered;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The register did not answer within {timeout.TotalSeconds:0} s.");
        }
        finally
        {
            response?.Dispose();
        }
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
