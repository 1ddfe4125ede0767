using System.Globalization;
using System.Net;
using System.Text.Json;
using Polly;
using Polly.Retry;

namespace ContactSync.Core.Sources.HubSpot;

/// <summary>Which of HubSpot's limits a 429 is from, by its body's <c>policyName</c> (or the search limit's message).</summary>
internal enum HubSpotLimit
{
    None,
    TenSecondly,
    Secondly,
    Daily,
}

internal static class HubSpotLimits
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static HubSpotLimit Of(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return HubSpotLimit.TenSecondly;
        }

        HubSpotError? error;
        try
        {
            error = JsonSerializer.Deserialize<HubSpotError>(body, Json);
        }
        catch (JsonException)
        {
            return HubSpotLimit.TenSecondly;
        }

        return error?.PolicyName?.ToUpperInvariant() switch
        {
            "DAILY" => HubSpotLimit.Daily,
            "SECONDLY" => HubSpotLimit.Secondly,
            "TEN_SECONDLY_ROLLING" => HubSpotLimit.TenSecondly,
            // The search limit's 429 has been seen without a policy, saying "You have reached your secondly limit."
            _ when error?.Message is { } message && message.Contains("secondly limit", StringComparison.OrdinalIgnoreCase)
                                              && !message.Contains("ten_secondly", StringComparison.OrdinalIgnoreCase) => HubSpotLimit.Secondly,
            _ => HubSpotLimit.TenSecondly,
        };
    }

    public static async ValueTask<HubSpotLimit> OfAsync(HttpResponseMessage response)
        => response.StatusCode == HttpStatusCode.TooManyRequests ? Of(await response.Content.ReadAsStringAsync()) : HubSpotLimit.None;
}

/// <summary>
/// Keeps ContactSync under HubSpot's limits instead of finding them: requests leave no faster than
/// <see cref="HubSpotSourceOptions.RequestsPerSecond"/>, searches no faster than
/// <see cref="HubSpotSourceOptions.SearchesPerSecond"/> (HubSpot asks that errors stay a small share of calls). Counts
/// every attempt, for the run's figures. The pace and the counts are the client's (<see cref="HubSpotCall"/>, on the
/// request): this handler is shared by every HubSpot source.
/// </summary>
internal sealed class HubSpotBudgetHandler(TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var call = SourceCall.Of<HubSpotCall>(request);
        var search = request.RequestUri?.AbsolutePath.EndsWith("/search", StringComparison.Ordinal) == true;
        await call.WaitTurnAsync(search, time, cancellationToken);

        call.Calls.Count(search);
        var response = await base.SendAsync(request, cancellationToken);
        if ((int)response.StatusCode >= 400)
        {
            call.Calls.CountError(response.StatusCode == HttpStatusCode.TooManyRequests);
        }

        return response;
    }
}

/// <summary>Calls sent to HubSpot (every attempt), for a run's figures.</summary>
internal sealed class HubSpotCalls
{
    private int _requests;
    private int _searches;
    private int _errors;
    private int _throttled;

    public int Requests => Volatile.Read(ref _requests);

    public int Searches => Volatile.Read(ref _searches);

    public int Errors => Volatile.Read(ref _errors);

    public int Throttled => Volatile.Read(ref _throttled);

    public void Count(bool search)
    {
        Interlocked.Increment(ref _requests);
        if (search)
        {
            Interlocked.Increment(ref _searches);
        }
    }

    public void CountError(bool throttled)
    {
        Interlocked.Increment(ref _errors);
        if (throttled)
        {
            Interlocked.Increment(ref _throttled);
        }
    }
}

/// <summary>
/// Retries what HubSpot documents as passing: a 429 of the ten-secondly or secondly limit (after HubSpot's
/// <c>Retry-After</c> if it sends one, else 10 s or 1 s a try, as HubSpot's own client waits), 423 (locked: 2 s), 477
/// (migration: its <c>Retry-After</c>), 5xx, and a transport failure or timeout. A 429 of the daily limit is never
/// retried: nothing passes before midnight in the account's time zone. Reads only, so always safe.
/// </summary>
internal static class HubSpotRetry
{
    private static readonly TimeSpan LongestWait = TimeSpan.FromMinutes(1);

    public const string PipelineName = "hubspot";

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.TimeProvider = time;
        builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
        {
            MaxRetryAttempts = 5,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromSeconds(1),
            MaxDelay = TimeSpan.FromSeconds(30),
            ShouldHandle = async args => args.Outcome switch
            {
                { Exception: HttpRequestException or TimeoutException } => true,
                { Result: { } response } => await IsTransientAsync(response),
                _ => false,
            },
            DelayGenerator = async args => args.Outcome.Result is { } response ? await WaitAsync(response, args.AttemptNumber, time.GetUtcNow()) : null,
        });
    }

    public static async ValueTask<bool> IsTransientAsync(HttpResponseMessage response) => (int)response.StatusCode switch
    {
        429 => await HubSpotLimits.OfAsync(response) != HubSpotLimit.Daily,
        423 or 477 => true,
        var code => code >= 500,
    };

    /// <summary>How long to wait before trying again; null for the pipeline's backoff.</summary>
    public static async ValueTask<TimeSpan?> WaitAsync(HttpResponseMessage response, int attempt, DateTimeOffset now)
    {
        if (RetryAfter(response, now) is { } asked)
        {
            return asked;
        }

        return (int)response.StatusCode switch
        {
            429 => await HubSpotLimits.OfAsync(response) switch
            {
                HubSpotLimit.Secondly => TimeSpan.FromSeconds(attempt + 1),
                HubSpotLimit.Daily => null,
                _ => TimeSpan.FromSeconds(10),
            },
            423 => TimeSpan.FromSeconds(2),
            477 => TimeSpan.FromSeconds(10),
            _ => null,
        };
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        var header = response.Headers.RetryAfter;
        var wait = header?.Delta ?? (header?.Date is { } date ? date - now : null);
        if (wait is null && response.Headers.TryGetValues("Retry-After", out var values)
            && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            wait = TimeSpan.FromSeconds(seconds);
        }

        return wait is { } some ? TimeSpan.FromTicks(Math.Clamp(some.Ticks, 0, LongestWait.Ticks)) : null;
    }
}
