using ContactSync.Core.Nexudus;
using ContactSync.Core.Nexudus.Budget;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ContactSync.Core.Tests.Nexudus;

public sealed class InProcessNexudusBudgetTests
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(5);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Allows_no_more_writes_than_the_limit_in_any_window()
    {
        var gate = Gate(writesPerMinute: 3, callsPerMinute: 100);
        await Acquire(gate, isWrite: true);
        _time.Advance(TimeSpan.FromSeconds(30));
        await Acquire(gate, isWrite: true);
        await Acquire(gate, isWrite: true);

        var fourth = gate.AcquireAsync(isWrite: true, CancellationToken.None).AsTask();
        _time.Advance(InProcessNexudusBudget.Window - TimeSpan.FromSeconds(30) - TimeSpan.FromMilliseconds(1));
        await Task.Delay(20);
        Assert.False(fourth.IsCompleted);

        // The first write leaves the window one window after it started, not at a minute boundary.
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await fourth.WaitAsync(Settle);
    }

    [Fact]
    public async Task Lets_reads_through_while_writes_wait()
    {
        var gate = Gate(writesPerMinute: 1, callsPerMinute: 100);
        await Acquire(gate, isWrite: true);

        var write = gate.AcquireAsync(isWrite: true, CancellationToken.None).AsTask();
        await Acquire(gate, isWrite: false);

        Assert.False(write.IsCompleted);
    }

    [Fact]
    public async Task Counts_writes_against_the_limit_for_all_calls()
    {
        var gate = Gate(writesPerMinute: 10, callsPerMinute: 2);
        await Acquire(gate, isWrite: true);
        await Acquire(gate, isWrite: true);

        var read = gate.AcquireAsync(isWrite: false, CancellationToken.None).AsTask();
        await Task.Delay(20);
        Assert.False(read.IsCompleted);

        _time.Advance(InProcessNexudusBudget.Window);
        await read.WaitAsync(Settle);
    }

    [Fact]
    public async Task Keeps_the_minimum_interval_between_calls()
    {
        var gate = Gate(minCallInterval: TimeSpan.FromMilliseconds(100));
        await Acquire(gate, isWrite: false);

        var next = gate.AcquireAsync(isWrite: false, CancellationToken.None).AsTask();
        // The guard band keeps calls that Nexudus times on arrival from landing closer than its minimum.
        _time.Advance(TimeSpan.FromMilliseconds(99) + InProcessNexudusBudget.IntervalGuard);
        await Task.Delay(20);
        Assert.False(next.IsCompleted);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        await next.WaitAsync(Settle);
    }

    [Fact]
    public async Task Holds_every_call_back_after_a_throttle_until_Retry_After_has_passed()
    {
        var gate = Gate();
        await gate.ReportThrottledAsync(TimeSpan.FromSeconds(5), CancellationToken.None);

        var read = gate.AcquireAsync(isWrite: false, CancellationToken.None).AsTask();
        _time.Advance(TimeSpan.FromSeconds(4));
        await Task.Delay(20);
        Assert.False(read.IsCompleted);

        _time.Advance(TimeSpan.FromSeconds(1));
        await read.WaitAsync(Settle);
    }

    [Fact]
    public async Task Ends_with_the_time_the_budget_frees_once_the_daily_writes_are_spent()
    {
        var gate = Gate(writesPerMinute: 60, writesPerDay: 2);
        await Acquire(gate, isWrite: true);
        var firstAt = _time.GetUtcNow();
        _time.Advance(TimeSpan.FromHours(1));
        await Acquire(gate, isWrite: true);

        var spent = await Assert.ThrowsAsync<NexudusBudgetExhaustedException>(() => gate.AcquireAsync(isWrite: true, CancellationToken.None).AsTask());
        await Acquire(gate, isWrite: false);

        Assert.Equal(firstAt + NexudusBudgetLimits.DayWindow, spent.FreesAt);
        Assert.Equal(("writes per day", 2), (spent.Budget, spent.Limit));
        _time.SetUtcNow(spent.FreesAt);
        await Acquire(gate, isWrite: true);
    }

    [Fact]
    public async Task Halves_the_write_rate_after_a_throttle_and_recovers_it_step_by_step()
    {
        var gate = Gate(writesPerMinute: 2, callsPerMinute: 100);
        await gate.ReportThrottledAsync(TimeSpan.Zero, CancellationToken.None);
        await Acquire(gate, isWrite: true);

        var second = gate.AcquireAsync(isWrite: true, CancellationToken.None).AsTask();
        await Task.Delay(20);
        Assert.False(second.IsCompleted);

        // One recovery step later the rate is back to two a minute: the write that waited goes, and so does another.
        _time.Advance(NexudusBudgetSlowdown.RecoveryStep);
        await second.WaitAsync(Settle);
        await Acquire(gate, isWrite: true);
    }

    [Fact]
    public async Task Stops_waiting_when_cancelled()
    {
        var gate = Gate(writesPerMinute: 1);
        await Acquire(gate, isWrite: true);
        using var cancellation = new CancellationTokenSource();

        var write = gate.AcquireAsync(isWrite: true, cancellation.Token).AsTask();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => write);
    }

    private static async Task Acquire(InProcessNexudusBudget gate, bool isWrite)
        => await gate.AcquireAsync(isWrite, CancellationToken.None).AsTask().WaitAsync(Settle);

    private InProcessNexudusBudget Gate(
        int writesPerMinute = 60, int callsPerMinute = 120, TimeSpan? minCallInterval = null, int writesPerDay = 5000)
        => new(
            Options.Create(new NexudusOptions
            {
                WritesPerMinute = writesPerMinute,
                CallsPerMinute = callsPerMinute,
                MinCallInterval = minCallInterval ?? TimeSpan.Zero,
                WritesPerDay = writesPerDay,
            }),
            _time);
}
