using System.Globalization;

namespace ContactSync.Worker.Testing;

/// <summary>
/// For tests only: <c>ContactSync:Testing:ClockOffset</c> (e.g. <c>00:05:00</c>, or <c>-00:05:00</c>) runs this worker's
/// clock that far off, as a host with a drifting clock would, so a test can prove that nothing compared across
/// processes is stamped with the worker's clock. Ignored in Production, where a skewed clock is a fault, not a setting.
/// </summary>
public static class SkewedClock
{
    public const string Key = "ContactSync:Testing:ClockOffset";

    public static IHostApplicationBuilder AddContactSyncTestClock(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Environment.IsProduction() || builder.Configuration[Key] is not { Length: > 0 } text)
        {
            return builder;
        }

        var offset = TimeSpan.Parse(text, CultureInfo.InvariantCulture);
        // Registered before Core's TryAdd of the system clock, so it is the one every service gets.
        builder.Services.AddSingleton<TimeProvider>(new OffsetTimeProvider(TimeProvider.System, offset));
        return builder;
    }

    private sealed class OffsetTimeProvider(TimeProvider inner, TimeSpan offset) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => inner.GetUtcNow() + offset;

        public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

        // Elapsed time and timers are unaffected by a wrong wall clock.
        public override long TimestampFrequency => inner.TimestampFrequency;

        public override long GetTimestamp() => inner.GetTimestamp();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
            => inner.CreateTimer(callback, state, dueTime, period);
    }
}
