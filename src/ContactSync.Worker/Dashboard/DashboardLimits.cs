using System.Globalization;
using System.Threading.RateLimiting;
using ContactSync.Worker.Database;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace ContactSync.Worker.Dashboard;

/// <summary>
/// How many dashboard requests (pages, API, Hangfire's pages) run at once: as many as the dashboard's pool has
/// connections, a few times that waiting in line, and the rest answered 429 with <c>Retry-After</c> at once. A crowd of
/// readers then costs a bounded amount of the worker's CPU and connections, and the sync and the probes never wait
/// behind it.
/// </summary>
internal static class DashboardLimits
{
    public const string Policy = "dashboard";

    /// <summary>Requests waiting for a turn, per request running.</summary>
    private const int QueuedPerPermit = 4;

    private const int RetryAfterSeconds = 2;

    public static IServiceCollection AddDashboardLimits(this IServiceCollection services)
        => services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = static (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                return ValueTask.CompletedTask;
            };

            // One partition: the limit is the dashboard's as a whole, whoever is asking.
            limiter.AddPolicy(Policy, static context =>
            {
                var permits = context.RequestServices.GetRequiredService<IOptions<DatabasePoolOptions>>().Value.DashboardPoolSize;
                return RateLimitPartition.GetConcurrencyLimiter(Policy, _ => new ConcurrencyLimiterOptions
                {
                    PermitLimit = permits,
                    QueueLimit = permits * QueuedPerPermit,
                    QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                });
            });
        });
}
