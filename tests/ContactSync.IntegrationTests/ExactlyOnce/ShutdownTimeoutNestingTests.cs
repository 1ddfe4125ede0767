namespace ContactSync.IntegrationTests.ExactlyOnce;

public sealed class ShutdownTimeoutNestingTests
{
    [Fact]
    public void Hangfire_stops_inside_the_host_which_stops_inside_the_pods_grace_period()
    {
        var budget = ShutdownBudget.Read();

        Assert.True(budget.HangfireStop < budget.HangfireShutdown, $"Hangfire's StopTimeout must be below its ShutdownTimeout: {budget}");
        Assert.True(budget.HangfireShutdown < budget.Host, $"Hangfire's ShutdownTimeout must be below the host's: {budget}");
        Assert.True(budget.Host < budget.PodGrace, $"The host's ShutdownTimeout must be below terminationGracePeriodSeconds: {budget}");
    }
}
