using ContactSync.Core.Telemetry;

namespace ContactSync.Core.Tests.Telemetry;

public sealed class StandingFiguresTests
{
    private static readonly DateTimeOffset Succeeded = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    [Fact]
    public void Every_configured_source_has_every_state_and_a_last_success_with_0_where_nothing_happened()
    {
        var read = new StandingFigures(
            new Dictionary<string, DateTimeOffset> { ["crm"] = Succeeded, ["retired"] = Succeeded },
            new Dictionary<(string, string), long> { [("crm", "failed")] = 3, [("retired", "rejected")] = 2 },
            new Dictionary<string, long> { ["writes_day"] = 10 },
            new Dictionary<string, long>());

        var figures = read.Completed(["crm", "file"]);

        Assert.Equal(new Dictionary<string, DateTimeOffset> { ["crm"] = Succeeded, ["file"] = DateTimeOffset.UnixEpoch }, figures.LastSuccess);
        Assert.Equal(0, figures.LastSuccess["file"].ToUnixTimeSeconds());
        foreach (var source in new[] { "crm", "file" })
        {
            Assert.All(MetricLabels.AttentionStatuses, status => Assert.True(figures.Attention.ContainsKey((source, status)), $"{source} {status}"));
        }

        Assert.Equal(3, figures.Attention[("crm", "failed")]);
        Assert.Equal(0, figures.Attention[("file", "failed")]);
        // A source no longer configured: its records are still in the ledger, but nothing is due from it.
        Assert.Equal(2, figures.Attention[("retired", "rejected")]);
        Assert.False(figures.LastSuccess.ContainsKey("retired"));
        Assert.Equal(10, figures.BudgetRemaining["writes_day"]);
        Assert.Equal(MetricLabels.BudgetWindows.Order(), figures.BudgetRemaining.Keys.Order());
        Assert.Equal(MetricLabels.HangfireStates.Order(), figures.Hangfire.Keys.Order());
        Assert.Equal(MetricLabels.OutboxStates.Order(), figures.AlertsOutbox.Keys.Order());
    }
}
