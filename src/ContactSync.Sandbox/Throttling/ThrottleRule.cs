namespace ContactSync.Sandbox.Throttling;

/// <summary>At most <see cref="Limit"/> requests in any <see cref="Window"/>; writes-only rules ignore reads.</summary>
internal sealed record ThrottleRule(string Name, int Limit, TimeSpan Window, bool WritesOnly)
{
    public static IReadOnlyList<ThrottleRule> From(ThrottleOptions options)
    {
        ThrottleRule[] candidates =
        [
            new("writes/minute", options.WritesPerMinute, TimeSpan.FromMinutes(1), true),
            new("writes/day", options.WritesPerDay, TimeSpan.FromDays(1), true),
            new("min-interval", options.MinIntervalMs > 0 ? 1 : 0, TimeSpan.FromMilliseconds(options.MinIntervalMs), false),
            new("calls/minute", options.CallsPerMinute, TimeSpan.FromMinutes(1), false),
            new("calls/hour", options.CallsPerHour, TimeSpan.FromHours(1), false),
            new("calls/day", options.CallsPerDay, TimeSpan.FromDays(1), false),
        ];
        return [.. candidates.Where(rule => rule.Limit > 0)];
    }
}
