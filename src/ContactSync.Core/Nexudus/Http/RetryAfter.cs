using System.Globalization;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace ContactSync.Core.Nexudus.Http;

/// <summary>
/// Reads <c>Retry-After</c>, which Nexudus sends in seconds on a 409 (the date form is accepted too), and the wait a
/// 429 carries only in its body ("… Wait 3 seconds …"), as live accounts answer.
/// </summary>
internal static partial class RetryAfter
{
    // Throttling bodies are a sentence or a small JSON envelope; anything longer is not one.
    private const int MaxThrottleBody = 16 * 1024;

    // A little over the stated wait: the window it counts down may close just after the answer left.
    private static readonly TimeSpan BodyWaitMargin = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Gives a throttled answer that states its wait only in the body a <c>Retry-After</c> header with that wait, so
    /// everything downstream reads the one header. Leaves any other answer (and one that states no wait) as it is.
    /// </summary>
    public static async Task NormaliseAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Headers.RetryAfter is not null || response.Content is not { } content
            || content.Headers.ContentLength is > MaxThrottleBody)
        {
            return;
        }

        string body;
        try
        {
            await content.LoadIntoBufferAsync(MaxThrottleBody, cancellationToken);
            body = await content.ReadAsStringAsync(cancellationToken);
        }
        catch (HttpRequestException)
        {
            // Larger than a throttling answer, or cut off: no wait to read.
            return;
        }

        if (FromBody(body) is { } wait)
        {
            response.Headers.RetryAfter = new RetryConditionHeaderValue(wait);
        }
    }

    /// <summary>The wait a throttling body states ("Wait 3 seconds", "retry after 2.5 s"), with a small margin; null when it states none.</summary>
    public static TimeSpan? FromBody(string body)
    {
        Match match;
        try
        {
            match = StatedWait().Match(body ?? "");
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }

        if (!match.Success
            || !double.TryParse(match.Groups["seconds"].Value.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            || seconds is < 0 or > 86_400)
        {
            return null;
        }

        return TimeSpan.FromSeconds(seconds) + BodyWaitMargin;
    }

    [GeneratedRegex(@"\b(?:wait|retry\s+(?:in|after))\s+(?<seconds>\d+(?:[.,]\d+)?)\s*(?:s\b|secs?\b|seconds?\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex StatedWait();

    public static TimeSpan? From(HttpResponseMessage response, TimeProvider time)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    public static TimeSpan Cap(TimeSpan value, TimeSpan cap) => value > cap ? cap : value;
}
