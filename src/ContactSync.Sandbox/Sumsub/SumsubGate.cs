using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace ContactSync.Sandbox.Sumsub;

/// <summary>
/// Sumsub's front door for <c>/resources</c>: the app token, a timestamp near now and a signature over the request as
/// it came over the wire (the raw target, percent-encoding and all, and the raw body), each refused with Sumsub's 401
/// body; then the token's GET and POST limits, refused with its 429 body. Every attempt is counted, by route and status.
/// </summary>
internal sealed class SumsubGate(
    RequestDelegate next, IOptionsMonitor<SumsubOptions> options, SumsubSettings settings, SumsubLimits limits, SumsubCalls calls, TimeProvider time)
{
    private const int MaxBodyBytes = 1_048_576;

    public async Task InvokeAsync(HttpContext context)
    {
        if (!SumsubPaths.IsResources(context.Request.Path))
        {
            await next(context);
            return;
        }

        try
        {
            if (await RefusalAsync(context) is { } refusal)
            {
                await refusal.ExecuteAsync(context);
                return;
            }

            await next(context);
        }
        finally
        {
            calls.Count(SumsubPaths.RouteOf(context.Request.Method, context.Request.Path), context.Response.StatusCode);
        }
    }

    private async Task<IResult?> RefusalAsync(HttpContext context)
    {
        var current = options.CurrentValue;
        var request = context.Request;
        var token = request.Headers["X-App-Token"].ToString();
        var stamp = request.Headers["X-App-Access-Ts"].ToString();
        var signature = request.Headers["X-App-Access-Sig"].ToString();
        if (token.Length == 0 || stamp.Length == 0 || signature.Length == 0)
        {
            return SumsubJson.Error(StatusCodes.Status401Unauthorized, "App token, timestamp and signature are required (X-App-Token, X-App-Access-Ts, X-App-Access-Sig).");
        }

        if (!SumsubSignature.Matches(current.AppToken, token))
        {
            return SumsubJson.Error(StatusCodes.Status401Unauthorized, "Invalid app token.");
        }

        if (!long.TryParse(stamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || Math.Abs(time.GetUtcNow().ToUnixTimeSeconds() - seconds) > current.TimestampToleranceSeconds)
        {
            return SumsubJson.Error(StatusCodes.Status401Unauthorized, "Request timestamp is missing, malformed or too far from the server time.");
        }

        var body = await BodyAsync(request, context.RequestAborted);
        if (body is null)
        {
            return SumsubJson.Error(StatusCodes.Status413PayloadTooLarge, "Request body is too large.");
        }

        // The target as sent: a client that signs a decoded or re-encoded path signs something else.
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.Path + request.QueryString;
        var expected = SumsubSignature.Compute(current.SecretKey, stamp, request.Method, target, body);
        if (!SumsubSignature.Matches(expected, signature))
        {
            return SumsubJson.Error(StatusCodes.Status401Unauthorized, "Request signature mismatch.");
        }

        var limitSettings = settings.Limits;
        if (limits.Admit(token, HttpMethods.IsGet(request.Method), limitSettings) is { } wait)
        {
            if (limitSettings.SendRetryAfter)
            {
                context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            }

            return SumsubJson.Error(StatusCodes.Status429TooManyRequests, "Too many requests. Request rate limit exceeded.");
        }

        return null;
    }

    /// <summary>The body's raw bytes (none for a GET), left readable for the endpoint; null when over the cap.</summary>
    private static async Task<byte[]?> BodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength is 0 || (request.ContentLength is null && !request.Headers.ContainsKey("Transfer-Encoding")))
        {
            return [];
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        request.EnableBuffering();
        using var copy = new MemoryStream();
        await request.Body.CopyToAsync(copy, cancellationToken);
        request.Body.Position = 0;
        return copy.Length > MaxBodyBytes ? null : copy.ToArray();
    }
}

/// <summary>Each token's recent GETs and other requests, in sliding windows; a refused request takes no slot.</summary>
internal sealed class SumsubLimits(TimeProvider time) : Admin.ISandboxState
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Token, bool Get), Queue<DateTimeOffset>> _windows = [];

    /// <summary>Null when admitted; otherwise how long until a slot frees.</summary>
    public TimeSpan? Admit(string token, bool get, SumsubLimitSettings settings)
    {
        var limit = get ? settings.GetsPerWindow : settings.PostsPerWindow;
        if (limit <= 0)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var window = TimeSpan.FromSeconds(settings.WindowSeconds);
        lock (_gate)
        {
            var sent = _windows.TryGetValue((token, get), out var queue) ? queue : _windows[(token, get)] = new Queue<DateTimeOffset>();
            while (sent.Count > 0 && sent.Peek() <= now - window)
            {
                sent.Dequeue();
            }

            if (sent.Count >= limit)
            {
                return sent.Peek() + window - now;
            }

            sent.Enqueue(now);
            return null;
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _windows.Clear();
        }
    }
}

/// <summary>Requests the API was sent, by route and answer (every attempt, refused ones too): what tests count.</summary>
internal sealed class SumsubCalls : Admin.ISandboxState
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<string, SortedDictionary<string, int>> _counts = new(StringComparer.Ordinal);

    public void Count(string route, int status)
    {
        var outcome = status.ToString(CultureInfo.InvariantCulture);
        lock (_gate)
        {
            if (!_counts.TryGetValue(route, out var outcomes))
            {
                _counts[route] = outcomes = new SortedDictionary<string, int>(StringComparer.Ordinal);
            }

            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }
    }

    public SortedDictionary<string, SortedDictionary<string, int>> Snapshot()
    {
        lock (_gate)
        {
            return new SortedDictionary<string, SortedDictionary<string, int>>(
                _counts.ToDictionary(pair => pair.Key, pair => new SortedDictionary<string, int>(pair.Value, StringComparer.Ordinal)), StringComparer.Ordinal);
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _counts.Clear();
        }
    }
}

internal static class SumsubPaths
{
    public const string ExternalPrefix = "-;externalUserId=";

    public static bool IsResources(PathString path) => path.StartsWithSegments("/resources", StringComparison.OrdinalIgnoreCase);

    /// <summary>A stable name per endpoint, so counts do not grow with every applicant id.</summary>
    public static string RouteOf(string method, PathString path)
    {
        var value = path.Value ?? "";
        var endpoint = value switch
        {
            _ when value.Contains("/" + ExternalPrefix, StringComparison.Ordinal) && value.EndsWith("/one", StringComparison.Ordinal) => "applicant-by-external-id",
            _ when value.EndsWith("/one", StringComparison.Ordinal) => "applicant",
            _ when value.EndsWith("/status/testCompleted", StringComparison.Ordinal) => "test-completed",
            _ => "other",
        };
        return $"{method} {endpoint}";
    }
}
