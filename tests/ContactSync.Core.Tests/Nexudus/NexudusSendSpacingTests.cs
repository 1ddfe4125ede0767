using ContactSync.Core.Nexudus;
using ContactSync.Core.Nexudus.Budget;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ContactSync.Core.Tests.Nexudus;

public sealed class NexudusSendSpacingTests
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Gap = TimeSpan.FromMilliseconds(100) + NexudusBudgetLimits.IntervalGuard;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Two_calls_granted_close_together_leave_the_full_gap_apart()
    {
        // The budget granted both slots 200 ms apart, but the first was held up after its grant and reaches the
        // send together with the second: the second waits out the gap from the moment the first left.
        var spacing = Spacing(TimeSpan.FromMilliseconds(100));
        await spacing.WaitTurnAsync(CancellationToken.None).AsTask().WaitAsync(Settle);

        var second = spacing.WaitTurnAsync(CancellationToken.None).AsTask();
        _time.Advance(Gap - TimeSpan.FromMilliseconds(1));
        await Task.Delay(20);
        Assert.False(second.IsCompleted);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        await second.WaitAsync(Settle);
    }

    [Fact]
    public async Task Calls_already_spaced_by_the_budget_do_not_wait()
    {
        var spacing = Spacing(TimeSpan.FromMilliseconds(100));
        for (var i = 0; i < 5; i++)
        {
            var turn = spacing.WaitTurnAsync(CancellationToken.None);
            Assert.True(turn.IsCompleted, $"call {i} waited although the gap before it had passed");
            await turn;
            _time.Advance(Gap);
        }
    }

    [Fact]
    public async Task Queued_calls_leave_one_gap_apart_in_the_order_they_came()
    {
        var spacing = Spacing(TimeSpan.FromMilliseconds(100));
        var turns = Enumerable.Range(0, 4).Select(_ => spacing.WaitTurnAsync(CancellationToken.None).AsTask()).ToList();
        await turns[0].WaitAsync(Settle);

        for (var i = 1; i < turns.Count; i++)
        {
            await Task.Delay(20);
            Assert.False(turns[i].IsCompleted, $"call {i} left before its gap");
            _time.Advance(Gap);
            await turns[i].WaitAsync(Settle);
        }
    }

    [Fact]
    public async Task Without_a_minimum_interval_nothing_waits()
    {
        var spacing = Spacing(TimeSpan.Zero);
        for (var i = 0; i < 3; i++)
        {
            var turn = spacing.WaitTurnAsync(CancellationToken.None);
            Assert.True(turn.IsCompleted);
            await turn;
        }
    }

    [Fact]
    public async Task A_caller_that_gives_up_while_waiting_is_told_so()
    {
        var spacing = Spacing(TimeSpan.FromMilliseconds(100));
        await spacing.WaitTurnAsync(CancellationToken.None);
        using var stop = new CancellationTokenSource();
        var second = spacing.WaitTurnAsync(stop.Token).AsTask();
        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second.WaitAsync(Settle));
    }

    private NexudusSendSpacing Spacing(TimeSpan minCallInterval) => new(
        Options.Create(new NexudusOptions { BaseUrl = "https://spaces.example.test", Username = "u", Password = "p", MinCallInterval = minCallInterval }),
        _time);
}
