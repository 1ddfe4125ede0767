using ContactSync.Core.Alerts;

namespace ContactSync.Core.Tests.Alerts;

public sealed class AlertBackoffTests
{
    private static readonly TimeSpan First = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Cap = TimeSpan.FromMinutes(15);

    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 20)]
    [InlineData(3, 40)]
    [InlineData(6, 320)]
    [InlineData(7, 640)]
    public void Each_failure_doubles_the_wait(int attempts, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), AlertBackoff.After(attempts, First, Cap, spread: 0.5));
    }

    [Theory]
    [InlineData(8)]
    [InlineData(100)]
    [InlineData(int.MaxValue)]
    public void The_wait_never_passes_the_cap(int attempts)
    {
        Assert.Equal(Cap, AlertBackoff.After(attempts, First, Cap, spread: 1));
    }

    [Fact]
    public void The_spread_moves_a_wait_by_at_most_a_fifth_either_way()
    {
        Assert.Equal(TimeSpan.FromSeconds(32), AlertBackoff.After(3, First, Cap, spread: 0));
        Assert.Equal(TimeSpan.FromSeconds(48), AlertBackoff.After(3, First, Cap, spread: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => AlertBackoff.After(0, First, Cap, spread: 0.5));
    }
}
