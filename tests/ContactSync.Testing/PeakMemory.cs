using System.Globalization;

namespace ContactSync.Testing;

/// <summary>
/// Follows a process's peak resident set (VmHWM in /proc/PID/status). The kernel keeps the high-water mark itself,
/// so sampling only has to catch the last value before the process exits.
/// </summary>
public static class PeakMemory
{
    private static readonly TimeSpan SampleEvery = TimeSpan.FromMilliseconds(50);

    /// <returns>The highest VmHWM seen, in bytes, once <paramref name="process"/> has exited.</returns>
    public static async Task<long> FollowAsync(ChildProcess process, CancellationToken cancellationToken)
    {
        long peak = 0;
        while (!process.HasExited)
        {
            if (Read(process.Id) is { } current && current > peak)
            {
                peak = current;
            }

            await Task.Delay(SampleEvery, cancellationToken);
        }

        return peak;
    }

    private static long? Read(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                // "VmHWM:     81234 kB"
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    var kilobytes = line["VmHWM:".Length..].Trim().Split(' ')[0];
                    return long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The process exited between the check and the read.
        }

        return null;
    }
}
