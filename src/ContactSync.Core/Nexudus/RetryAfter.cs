namespace ContactSync.Core.Nexudus;

/// <summary>Reads <c>Retry-After</c>, which Nexudus sends in seconds on a 409; the date form is accepted too.</summary>
internal static class RetryAfter
{
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
