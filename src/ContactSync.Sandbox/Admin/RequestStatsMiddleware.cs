using System.Globalization;
using ContactSync.Sandbox.Api;
using ContactSync.Sandbox.Faults;

namespace ContactSync.Sandbox.Admin;

/// <summary>
/// Records the outcome of every API call, including those refused by auth, throttling or an injected fault,
/// under <c>"METHOD /route/template"</c>. Runs after routing so the template is known.
/// </summary>
internal sealed class RequestStatsMiddleware(RequestDelegate next, RequestStats stats)
{
    public const string Dropped = "dropped";
    public const string Aborted = "aborted";

    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (!ApiPaths.IsApi(path) && !Register.RegisterPaths.IsRest(path) && !Register.RegisterPaths.IsStream(path) && !HubSpot.HubSpotPaths.IsCrm(path)
            && !Sumsub.SumsubPaths.IsResources(path))
        {
            await next(context);
            return;
        }

        var route = $"{context.Request.Method} {RouteTemplate(context)}";
        try
        {
            await next(context);
        }
        catch (Exception)
        {
            stats.Record(route, context.RequestAborted.IsCancellationRequested ? Aborted : "500");
            throw;
        }

        stats.Record(route, Outcome(context));
    }

    private static string Outcome(HttpContext context)
    {
        if (ConnectionDrop.WasDropped(context))
        {
            return Dropped;
        }

        return context.RequestAborted.IsCancellationRequested
            ? Aborted
            : context.Response.StatusCode.ToString(CultureInfo.InvariantCulture);
    }

    private static string RouteTemplate(HttpContext context)
    {
        var template = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
        if (string.IsNullOrEmpty(template))
        {
            // Unmatched routes have no template; the path is the best key and is bounded by what clients call.
            return context.Request.Path.Value ?? "/";
        }

        return "/" + template.Trim('/');
    }
}
