namespace ContactSync.Core.Alerts;

/// <summary>
/// Wakes one waiting loop early. A notice given while nobody waits is kept for the next wait, so work announced while
/// the loop was busy is not left for the next tick.
/// </summary>
public sealed class Wakeup
{
    private readonly Lock _lock = new();
    private TaskCompletionSource? _waiter;
    private bool _pending;

    public void Notify()
    {
        TaskCompletionSource? waiter;
        lock (_lock)
        {
            waiter = _waiter;
            _waiter = null;
            _pending = waiter is null;
        }

        waiter?.TrySetResult();
    }

    /// <summary>Returns when notified or after <paramref name="timeout"/>; throws only on cancellation.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        Task notified;
        lock (_lock)
        {
            if (_pending)
            {
                _pending = false;
                return;
            }

            _waiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            notified = _waiter.Task;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await Task.WhenAny(notified, Task.Delay(timeout, time, stop.Token));
        await stop.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }
}

/// <summary>The two loops of the alerts: evaluation (woken when a run finishes) and delivery (woken when an alert is raised).</summary>
public sealed class AlertWakeups
{
    public Wakeup Evaluation { get; } = new();

    public Wakeup Delivery { get; } = new();
}
