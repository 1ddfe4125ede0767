using System.Text.Json;
using ContactSync.Core.Alerts;

namespace ContactSync.Core.Tests.Alerts;

public sealed class AlertEventTests
{
    [Fact]
    public void The_payload_carries_the_event_its_kind_condition_source_run_counts_links_and_time_and_reads_back()
    {
        var runId = Guid.Parse("0195d2a0-0000-7000-8000-000000000002");
        var observation = new Observation(AlertConditions.RunFailed, "crm", ConditionState.Bad, "The latest run of crm was aborted.",
            new AlertRun(runId, "aborted", new DateTimeOffset(2026, 3, 10, 11, 59, 0, TimeSpan.Zero)),
            new Dictionary<string, long> { ["total"] = 23 }, new Dictionary<string, string> { ["run"] = "https://x.example/contactsync/runs/1" });
        var alert = AlertEvent.For(observation, Guid.Parse("0195d2a0-0000-7000-8000-000000000001"), new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero));

        var json = alert.ToJson();
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;

        Assert.Equal(
            ["id", "kind", "condition", "source", "summary", "at", "run", "counts", "links"],
            root.EnumerateObject().Select(property => property.Name));
        Assert.Equal("went_bad", root.GetProperty("kind").GetString());
        Assert.Equal("run_failed", root.GetProperty("condition").GetString());
        Assert.Equal("2026-03-10T12:00:00+00:00", root.GetProperty("at").GetString());
        Assert.Equal(runId, root.GetProperty("run").GetProperty("id").GetGuid());
        Assert.Equal("aborted", root.GetProperty("run").GetProperty("outcome").GetString());
        Assert.Equal(23, root.GetProperty("counts").GetProperty("total").GetInt64());

        var back = AlertEvent.FromJson(json);
        Assert.Equal(alert.Id, back.Id);
        Assert.Equal(alert.Summary, back.Summary);
        Assert.Equal(alert.Run, back.Run);
        Assert.Equal(23, back.Counts["total"]);
        Assert.True(back.WentBad);
    }

    [Fact]
    public void An_ok_observation_raises_a_recovery_and_an_unknown_one_nothing()
    {
        var ok = new Observation(AlertConditions.Overdue, "crm", ConditionState.Ok, "fine", null, new Dictionary<string, long>(), new Dictionary<string, string>());

        Assert.Equal(AlertKinds.Recovered, AlertEvent.For(ok, Guid.NewGuid(), DateTimeOffset.UnixEpoch).Kind);
        Assert.Throws<ArgumentException>(() => AlertEvent.For(Observation.Unknown(AlertConditions.Overdue, "crm"), Guid.NewGuid(), DateTimeOffset.UnixEpoch));
    }
}
