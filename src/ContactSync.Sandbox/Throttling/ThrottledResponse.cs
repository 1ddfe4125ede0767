using System.Globalization;
using Microsoft.AspNetCore.Http.Features;

namespace ContactSync.Sandbox.Throttling;

/// <summary>Nexudus's throttling answer: 409 (not 429, "for legacy reasons"), an empty body and Retry-After.</summary>
internal static class ThrottledResponse
{
    public const string ReasonPhrase = "You must wait before accessing this url again.";

    public static void Write(HttpContext context, TimeSpan wait)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        context.Response.StatusCode = StatusCodes.Status409Conflict;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        context.Response.ContentLength = 0;
        if (context.Features.Get<IHttpResponseFeature>() is { } response)
        {
            response.ReasonPhrase = ReasonPhrase;
        }
    }
}
