using System.Globalization;
using Microsoft.AspNetCore.Http.Features;

namespace ContactSync.Sandbox.Throttling;

/// <summary>
/// Nexudus's throttling answers: the documented 409 (not 429, "for legacy reasons") with an empty body and
/// Retry-After, or the 429 live accounts send, with no Retry-After and the wait only in the body's text.
/// </summary>
internal static class ThrottledResponse
{
    public const string ReasonPhrase = "You must wait before accessing this url again.";

    public static Task WriteAsync(HttpContext context, TimeSpan wait, ThrottleStyle style)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        if (style == ThrottleStyle.TooMany429Body)
        {
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return context.Response.WriteAsJsonAsync(new { Message = $"API calls quota exceeded. Wait {seconds} seconds before accessing this url again." });
        }

        context.Response.StatusCode = StatusCodes.Status409Conflict;
        context.Response.Headers.RetryAfter = seconds;
        context.Response.ContentLength = 0;
        if (context.Features.Get<IHttpResponseFeature>() is { } response)
        {
            response.ReasonPhrase = ReasonPhrase;
        }

        return Task.CompletedTask;
    }
}
