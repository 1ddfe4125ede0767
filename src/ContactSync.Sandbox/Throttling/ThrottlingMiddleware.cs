using ContactSync.Sandbox.Api;
using ContactSync.Sandbox.Auth;

namespace ContactSync.Sandbox.Throttling;

/// <summary>Refuses over-limit calls before they reach a handler, keyed by the token's user name.</summary>
internal sealed class ThrottlingMiddleware(
    RequestDelegate next, SlidingWindowThrottle throttle, ArrivalGaps arrivals, TimeProvider time, ILogger<ThrottlingMiddleware> logger)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (!ApiPaths.IsProtectedApi(context.Request.Path) || context.Features.Get<ApiClient>() is not { } client)
        {
            return next(context);
        }

        arrivals.Arrived(client.Username, time.GetUtcNow());
        var wait = throttle.TryAcquire(client.Username, ApiPaths.IsWrite(context.Request.Method));
        if (wait > TimeSpan.Zero)
        {
            SandboxLogMessages.Throttled(logger, context.Request.Method, wait.TotalMilliseconds);
            return ThrottledResponse.WriteAsync(context, wait, throttle.Settings.Style);
        }

        return next(context);
    }
}
