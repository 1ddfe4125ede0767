namespace ContactSync.Testing;

public static class Eventually
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Polls <paramref name="condition"/> until it holds; throws <see cref="TimeoutException"/> naming
    /// <paramref name="because"/> once <paramref name="timeout"/> has passed. Exceptions from the
    /// condition propagate: a condition that can fail transiently decides itself what "not yet" means.
    /// </summary>
    public static Task WaitUntilAsync(
        Func<Task<bool>> condition, TimeSpan timeout, string because, CancellationToken cancellationToken = default)
        => WaitUntilAsync(condition, timeout, because, PollInterval, cancellationToken);

    /// <summary>
    /// As above, polling every <paramref name="pollInterval"/>: for conditions that must be caught soon after they
    /// become true (a kill "after the 20th create" should not land 100 ms later).
    /// </summary>
    public static async Task WaitUntilAsync(
        Func<Task<bool>> condition, TimeSpan timeout, string because, TimeSpan pollInterval, CancellationToken cancellationToken = default)
    {
        var time = TimeProvider.System;
        var started = time.GetTimestamp();
        while (!await condition())
        {
            if (time.GetElapsedTime(started) >= timeout)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0.#} s waiting until {because}.");
            }

            await Task.Delay(pollInterval, cancellationToken);
        }
    }
}
