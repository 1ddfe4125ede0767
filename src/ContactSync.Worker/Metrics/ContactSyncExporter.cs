using System.Diagnostics.Metrics;
using System.Globalization;
using ContactSync.Core.Telemetry;
using Prometheus;

namespace ContactSync.Worker.Metrics;

/// <summary>
/// Exports the <c>ContactSync</c> meter as Prometheus series of their own kinds (counters, a histogram, gauges), every
/// known one from the first scrape. prometheus-net's own meter adapter is kept off this meter: it publishes a series
/// only once something is measured, turns counters into gauges, and drops a series five minutes after its last
/// measurement, so a counter vanished between runs and came back from 0, and "no run for a day" had nothing to look at.
/// </summary>
internal sealed class ContactSyncExporter : IDisposable
{
    // What prometheus-net's meter adapter used, so dashboards built on its buckets keep working.
    private static readonly double[] DurationBuckets = MeterAdapterOptions.DefaultHistogramBuckets;

    private readonly Counter _records;
    private readonly Counter _nexudusCalls;
    private readonly Histogram _runDuration;
    private readonly Gauge _lastSuccess;
    private readonly Gauge _attention;
    private readonly Gauge _budget;
    private readonly Gauge _hangfire;
    private readonly Gauge _outbox;
    private readonly MeterListener _listener = new();

    public ContactSyncExporter(CollectorRegistry registry, IReadOnlyCollection<string> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        _records = factory.CreateCounter("contactsync_records_total", "Records a run ended with, by source and outcome", "source", "outcome");
        _nexudusCalls = factory.CreateCounter(
            "contactsync_nexudus_calls_total", "Calls sent to Nexudus, by method and HTTP status (0: no answer)", "method", "status");
        _runDuration = factory.CreateHistogram(
            "contactsync_run_duration_seconds", "Wall time of a run, by source", new HistogramConfiguration { LabelNames = ["source"], Buckets = DurationBuckets });
        _lastSuccess = factory.CreateGauge(
            "contactsync_last_success_timestamp_seconds", "When each configured source's last run that succeeded ended (Unix time; 0: never)", "source");
        _attention = factory.CreateGauge(
            "contactsync_records_attention", "Records not in step, by source and state (failed, in_flight, pending, rejected, conflict, unkeyed)", "source", "status");
        _budget = factory.CreateGauge(
            "contactsync_budget_remaining", "Nexudus API budget left in each window (writes_minute, writes_day, calls_minute, calls_hour)", "window");
        _hangfire = factory.CreateGauge("contactsync_hangfire_jobs", "Hangfire jobs by state (enqueued, processing, scheduled, failed)", "state");
        _outbox = factory.CreateGauge("contactsync_alerts_outbox", "Alerts in the outbox by state (pending: not delivered yet; dead: given up on)", "state");

        foreach (var source in sources)
        {
            foreach (var outcome in MetricLabels.RecordOutcomes)
            {
                _records.WithLabels(source, outcome);
            }

            _runDuration.WithLabels(source);
        }

        foreach (var method in MetricLabels.NexudusMethods)
        {
            foreach (var status in MetricLabels.NexudusStatuses)
            {
                _nexudusCalls.WithLabels(method, status.ToString(CultureInfo.InvariantCulture));
            }
        }

        _listener.InstrumentPublished = (instrument, listener) =>
        {
            // The gauges are set from the figures themselves (Show); only what runs and calls measure is listened to.
            if (instrument.Meter.Name == ContactSyncMetrics.MeterName && !instrument.IsObservable)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Measured(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Measured(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>Sets the gauges to the figures as last read: every series they hold, and none they no longer hold.</summary>
    public void Show(StandingFigures figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        Set(_lastSuccess, figures.LastSuccess.Select(pair => ((string[])[pair.Key], pair.Value.ToUnixTimeMilliseconds() / 1000.0)));
        Set(_attention, figures.Attention.Select(pair => ((string[])[pair.Key.Source, pair.Key.Status], (double)pair.Value)));
        Set(_budget, figures.BudgetRemaining.Select(pair => ((string[])[pair.Key], (double)pair.Value)));
        Set(_hangfire, figures.Hangfire.Select(pair => ((string[])[pair.Key], (double)pair.Value)));
        Set(_outbox, figures.AlertsOutbox.Select(pair => ((string[])[pair.Key], (double)pair.Value)));
    }

    public void Dispose() => _listener.Dispose();

    private static void Set(Gauge gauge, IEnumerable<(string[] Labels, double Value)> values)
    {
        var shown = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (labels, value) in values)
        {
            gauge.WithLabels(labels).Set(value);
            shown.Add(string.Join('\u001f', labels));
        }

        // A series the figures no longer hold (a source removed from the ledger) would otherwise keep its last value.
        foreach (var labels in gauge.GetAllLabelValues().Where(labels => !shown.Contains(string.Join('\u001f', labels))).ToList())
        {
            gauge.RemoveLabelled(labels);
        }
    }

    private void Measured(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        switch (instrument.Name)
        {
            case "records_total":
                _records.WithLabels(Tag(tags, "source"), Tag(tags, "outcome")).Inc(value);
                break;
            case "nexudus_calls_total":
                _nexudusCalls.WithLabels(Tag(tags, "method"), Tag(tags, "status")).Inc(value);
                break;
            case "run_duration_seconds":
                _runDuration.WithLabels(Tag(tags, "source")).Observe(value);
                break;
        }
    }

    private static string Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string name)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == name)
            {
                return Convert.ToString(tag.Value, CultureInfo.InvariantCulture) ?? "";
            }
        }

        return "";
    }
}
