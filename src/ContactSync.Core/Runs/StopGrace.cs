namespace ContactSync.Core.Runs;

/// <summary>
/// The cancellation of the calls a stopping run has already sent: <see cref="ContactSyncOptions.StopGrace"/> after the
/// run is told to stop, so that an answer on its way is waited for, but never past the host's own shutdown deadline.
/// </summary>
internal sealed class StopGrace : IDisposable
{
    private readonly CancellationTokenSource _calls;
    private readonly CancellationTokenRegistration _onStop;

    private StopGrace(CancellationToken stopping, TimeSpan grace, TimeProvider time)
    {
        _calls = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        _onStop = stopping.Register(static state =>
        {
            var (calls, grace) = ((CancellationTokenSource, TimeSpan))state!;
            try
            {
                calls.CancelAfter(grace);
            }
            catch (ObjectDisposedException)
            {
                // The push ended as the stop came: nothing left to cut short.
            }
        }, (_calls, grace));
    }

    public CancellationToken Token => _calls.Token;

    public static StopGrace After(CancellationToken stopping, TimeSpan grace, TimeProvider time) => new(stopping, grace, time);

    public void Dispose()
    {
        _onStop.Dispose();
        _calls.Dispose();
    }
}
