using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;

namespace ContactSync.Sandbox.Register;

/// <summary>
/// The register's front door: Basic auth by key (REST key on <c>/company</c>, streaming key on <c>/stream</c>, each
/// refused on the other), and the REST limit per key in a sliding window, with <c>X-Ratelimit-*</c> headers on every
/// answer and a bare 429 (no <c>Retry-After</c>, no body) beyond it.
/// </summary>
internal sealed class RegisterGate(RequestDelegate next, IOptionsMonitor<RegisterOptions> options, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Queue<DateTimeOffset>> _windows = new(StringComparer.Ordinal);

    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        var isRest = RegisterPaths.IsRest(path);
        var isStream = RegisterPaths.IsStream(path);
        if (!isRest && !isStream)
        {
            await next(context);
            return;
        }

        var settings = options.CurrentValue;
        var key = BasicUser(context.Request.Headers.Authorization.ToString());
        if (key is null || key != (isRest ? settings.ApiKey : settings.StreamKey))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await context.Response.WriteAsJsonAsync(new { error = "Invalid Authorization", type = "ch:service" });
            return;
        }

        if (isRest && settings.RequestsPerWindow > 0 && !Admit(context, key, settings))
        {
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return;
        }

        await next(context);
    }

    private bool Admit(HttpContext context, string key, RegisterOptions settings)
    {
        var now = time.GetUtcNow();
        var window = TimeSpan.FromSeconds(settings.WindowSeconds);
        bool admitted;
        int remaining;
        DateTimeOffset reset;
        lock (_gate)
        {
            var sent = _windows.TryGetValue(key, out var queue) ? queue : _windows[key] = new Queue<DateTimeOffset>();
            while (sent.Count > 0 && sent.Peek() <= now - window)
            {
                sent.Dequeue();
            }

            admitted = sent.Count < settings.RequestsPerWindow;
            if (admitted)
            {
                sent.Enqueue(now);
            }

            remaining = settings.RequestsPerWindow - sent.Count;
            reset = (sent.Count > 0 ? sent.Peek() : now) + window;
        }

        var headers = context.Response.Headers;
        headers["X-Ratelimit-Limit"] = settings.RequestsPerWindow.ToString(CultureInfo.InvariantCulture);
        headers["X-Ratelimit-Remain"] = remaining.ToString(CultureInfo.InvariantCulture);
        headers["X-Ratelimit-Reset"] = reset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        headers["X-Ratelimit-Window"] = string.Create(CultureInfo.InvariantCulture, $"{settings.WindowSeconds / 60}m");
        return admitted;
    }

    /// <summary>The user name of a Basic credential (the key); the password must be empty, as the register's keys have none.</summary>
    private static string? BasicUser(string header)
    {
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon > 0 && colon == decoded.Length - 1 ? decoded[..colon] : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

internal static class RegisterPaths
{
    public static bool IsRest(PathString path) => path.StartsWithSegments("/company", StringComparison.OrdinalIgnoreCase);

    public static bool IsStream(PathString path) => path.StartsWithSegments("/stream", StringComparison.OrdinalIgnoreCase);
}
