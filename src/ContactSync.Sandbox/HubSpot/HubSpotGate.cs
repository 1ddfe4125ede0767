using Microsoft.Extensions.Options;

namespace ContactSync.Sandbox.HubSpot;

/// <summary>
/// HubSpot's front door for <c>/crm</c>: a bearer token, then the account's limits (a rolling 10 s and a day), each
/// refused with HubSpot's 429 body naming its <c>policyName</c>.
/// </summary>
internal sealed class HubSpotGate(RequestDelegate next, IOptionsMonitor<HubSpotOptions> options, HubSpotLimits limits, HubSpotCalls calls)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!HubSpotPaths.IsCrm(context.Request.Path))
        {
            await next(context);
            return;
        }

        var settings = options.CurrentValue;
        calls.Count(context.Request.Method, context.Request.Path);
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header[7..].Trim() != settings.AccessToken)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await context.Response.WriteAsJsonAsync(new
            {
                status = "error",
                message = "Authentication credentials not found. This API supports OAuth 2.0 authentication.",
                correlationId = Guid.NewGuid(),
                category = "INVALID_AUTHENTICATION",
            });
            return;
        }

        if (limits.Refusal(settings) is { } policy)
        {
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            await context.Response.WriteAsJsonAsync(new
            {
                status = "error",
                message = policy == "DAILY" ? "You have reached your daily limit." : "You have reached your ten_secondly_rolling limit.",
                errorType = "RATE_LIMIT",
                correlationId = Guid.NewGuid(),
                policyName = policy,
                category = "RATE_LIMITS",
            });
            return;
        }

        await next(context);
    }
}

/// <summary>The account's request counts: a rolling 10 s window and the day (until a reset).</summary>
internal sealed class HubSpotLimits(TimeProvider time) : Admin.ISandboxState
{
    private readonly Lock _gate = new();
    private readonly Queue<DateTimeOffset> _window = new();
    private long _today;

    public void Reset()
    {
        lock (_gate)
        {
            _window.Clear();
            _today = 0;
        }
    }

    public string? Refusal(HubSpotOptions settings)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (settings.DailyLimit > 0 && _today >= settings.DailyLimit)
            {
                return "DAILY";
            }

            while (_window.Count > 0 && _window.Peek() <= now - TimeSpan.FromSeconds(10))
            {
                _window.Dequeue();
            }

            if (settings.TenSecondlyLimit > 0 && _window.Count >= settings.TenSecondlyLimit)
            {
                return "TEN_SECONDLY_ROLLING";
            }

            _window.Enqueue(now);
            _today++;
            return null;
        }
    }
}

internal static class HubSpotPaths
{
    public static bool IsCrm(PathString path) => path.StartsWithSegments("/crm", StringComparison.OrdinalIgnoreCase);
}

/// <summary>Requests the CRM was sent, by endpoint (every attempt, refused ones too): what tests and the benchmark count.</summary>
internal sealed class HubSpotCalls : Admin.ISandboxState
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);

    public void Count(string method, PathString path)
    {
        var value = path.Value ?? "";
        var endpoint = value switch
        {
            _ when value.EndsWith("/contacts/search", StringComparison.OrdinalIgnoreCase) => "search",
            _ when value.Contains("/associations/contacts/companies/batch", StringComparison.OrdinalIgnoreCase) => "associations",
            _ when value.Contains("/associations/companies", StringComparison.OrdinalIgnoreCase) => "association-pages",
            _ when value.Contains("/companies/batch", StringComparison.OrdinalIgnoreCase) => "companies",
            _ when value.EndsWith("/objects/contacts", StringComparison.OrdinalIgnoreCase) && method == "GET" => "list",
            _ => "other",
        };
        lock (_gate)
        {
            _counts[endpoint] = _counts.GetValueOrDefault(endpoint) + 1;
        }
    }

    public IReadOnlyDictionary<string, int> Snapshot()
    {
        lock (_gate)
        {
            return new Dictionary<string, int>(_counts, StringComparer.Ordinal);
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
