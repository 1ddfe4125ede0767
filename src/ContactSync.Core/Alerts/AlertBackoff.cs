namespace ContactSync.Core.Alerts;

/// <summary>How long a failed delivery waits: doubling from the first delay, spread by a fifth either way, never past the cap.</summary>
public static class AlertBackoff
{
    /// <param name="attempts">Deliveries tried so far, the failed one included (1 after the first).</param>
    /// <param name="spread">A draw in [0, 1): 0.5 is the plain doubling, 0 a fifth less, 1 a fifth more.</param>
    public static TimeSpan After(int attempts, TimeSpan first, TimeSpan cap, double spread)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        // In seconds as a double: the doubling outgrows a TimeSpan long before it gives up.
        var seconds = first.TotalSeconds * Math.Pow(2, attempts - 1) * (0.8 + (0.4 * Math.Clamp(spread, 0, 1)));
        return seconds < cap.TotalSeconds ? TimeSpan.FromSeconds(seconds) : cap;
    }
}
