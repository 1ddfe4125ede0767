using System.Diagnostics.Metrics;
using ContactSync.Core.Telemetry;

namespace ContactSync.Core.Tests.Telemetry;

public sealed class ContactSyncMetricsTests
{
    [Fact]
    public void A_run_records_its_outcomes_and_duration_by_source_and_the_standing_figures_are_observed()
    {
        var measured = new List<(string Instrument, double Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ContactSyncMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            measured.Add((instrument.Name, value, tags.ToArray().ToDictionary(tag => tag.Key, tag => tag.Value))));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
            measured.Add((instrument.Name, value, tags.ToArray().ToDictionary(tag => tag.Key, tag => tag.Value))));
        listener.Start();

        ContactSyncMetrics.RunEnded("metrics-test", TimeSpan.FromSeconds(2.5), [("created", 3), ("failed", 0), ("rejected", 1)]);
        ContactSyncMetrics.NexudusCall("POST", 200);
        ContactSyncMetrics.Publish(new StandingFigures(
            new Dictionary<string, DateTimeOffset> { ["metrics-test"] = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000) },
            new Dictionary<(string, string), long> { [("metrics-test", "failed")] = 4 },
            new Dictionary<string, long> { ["writes_day"] = 4_321 },
            new Dictionary<string, long> { ["failed"] = 2 })
        {
            AlertsOutbox = new Dictionary<string, long> { ["pending"] = 3, ["dead"] = 1 },
        });
        listener.RecordObservableInstruments();

        var mine = measured.Where(m => !m.Tags.TryGetValue("source", out var source) || Equals(source, "metrics-test")).ToList();
        Assert.Contains(mine, m => m.Instrument == "records_total" && m.Value == 3 && Equals(m.Tags["outcome"], "created"));
        Assert.DoesNotContain(mine, m => m.Instrument == "records_total" && Equals(m.Tags["outcome"], "failed"));
        Assert.Contains(mine, m => m.Instrument == "run_duration_seconds" && m.Value == 2.5);
        Assert.Contains(measured, m => m.Instrument == "nexudus_calls_total" && Equals(m.Tags["method"], "POST") && Equals(m.Tags["status"], 200));
        Assert.Contains(mine, m => m.Instrument == "last_success_timestamp_seconds" && m.Value == 1_700_000_000);
        Assert.Contains(mine, m => m.Instrument == "records_attention" && m.Value == 4 && Equals(m.Tags["status"], "failed"));
        Assert.Contains(measured, m => m.Instrument == "budget_remaining" && m.Value == 4_321 && Equals(m.Tags["window"], "writes_day"));
        Assert.Contains(measured, m => m.Instrument == "hangfire_jobs" && m.Value == 2 && Equals(m.Tags["state"], "failed"));
        Assert.Contains(measured, m => m.Instrument == "alerts_outbox" && m.Value == 3 && Equals(m.Tags["state"], "pending"));
        Assert.Contains(measured, m => m.Instrument == "alerts_outbox" && m.Value == 1 && Equals(m.Tags["state"], "dead"));
    }
}
