using ContactSync.Core.Nexudus.Budget;

namespace ContactSync.Core.Tests.Nexudus;

public sealed class NexudusBudgetSlowdownTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_first_409_pauses_for_Retry_After_and_halves_the_rates()
    {
        var throttle = NexudusBudgetSlowdown.None.AfterThrottled(Now, TimeSpan.FromSeconds(5));

        Assert.Equal(new NexudusBudgetSlowdown(Now.AddSeconds(5), 1, Now), throttle);
        Assert.Equal(1, throttle.LevelAt(Now));
    }

    [Fact]
    public void A_409_during_the_pause_extends_it_without_slowing_down_again()
    {
        var first = NexudusBudgetSlowdown.None.AfterThrottled(Now, TimeSpan.FromSeconds(5));

        var second = first.AfterThrottled(Now.AddSeconds(1), TimeSpan.FromSeconds(10));
        var shorter = second.AfterThrottled(Now.AddSeconds(2), TimeSpan.FromSeconds(1));

        Assert.Equal(new NexudusBudgetSlowdown(Now.AddSeconds(11), 1, Now), second);
        Assert.Equal(second, shorter);
    }

    [Fact]
    public void A_409_after_the_pause_halves_the_rates_again_down_to_an_eighth()
    {
        var throttle = NexudusBudgetSlowdown.None;
        for (var i = 0; i < 5; i++)
        {
            throttle = throttle.AfterThrottled(Now.AddSeconds(10 * i), TimeSpan.FromSeconds(1));
        }

        Assert.Equal(NexudusBudgetSlowdown.MaxLevel, throttle.LevelAt(Now.AddSeconds(40)));
    }

    [Fact]
    public void Recovers_one_step_per_recovery_period_without_a_409()
    {
        var throttle = new NexudusBudgetSlowdown(Now.AddSeconds(1), 3, Now);
        var step = NexudusBudgetSlowdown.RecoveryStep;

        Assert.Equal(
            [3, 2, 1, 0, 0],
            new[] { step - TimeSpan.FromTicks(1), step, step * 2, step * 3, step * 10 }.Select(after => throttle.LevelAt(Now + after)));
    }

    [Fact]
    public void A_409_while_recovering_slows_down_from_the_recovered_level()
    {
        var throttle = new NexudusBudgetSlowdown(Now.AddSeconds(1), 3, Now);

        var again = throttle.AfterThrottled(Now + (NexudusBudgetSlowdown.RecoveryStep * 2), TimeSpan.FromSeconds(1));

        Assert.Equal(2, again.Level);
    }
}
