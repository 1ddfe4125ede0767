using ContactSync.Core.Alerts;
using Microsoft.Extensions.Time.Testing;

namespace ContactSync.Core.Tests.Alerts;

public sealed class WakeupTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task A_notice_wakes_the_waiting_loop_before_its_timeout()
    {
        var wakeup = new Wakeup();
        var waiting = wakeup.WaitAsync(TimeSpan.FromHours(1), _time, CancellationToken.None);

        Assert.False(waiting.IsCompleted);
        wakeup.Notify();

        await waiting;
    }

    [Fact]
    public async Task A_notice_given_while_nobody_waits_is_kept_for_the_next_wait_once()
    {
        var wakeup = new Wakeup();
        wakeup.Notify();
        wakeup.Notify();

        await wakeup.WaitAsync(TimeSpan.FromHours(1), _time, CancellationToken.None);
        var second = wakeup.WaitAsync(TimeSpan.FromHours(1), _time, CancellationToken.None);

        Assert.False(second.IsCompleted);
        _time.Advance(TimeSpan.FromHours(1));
        await second;
    }

    [Fact]
    public async Task Cancellation_ends_the_wait_with_an_exception()
    {
        using var stop = new CancellationTokenSource();
        var waiting = new Wakeup().WaitAsync(TimeSpan.FromHours(1), _time, stop.Token);

        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }
}
