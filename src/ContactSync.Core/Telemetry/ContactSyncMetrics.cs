using System.Diagnostics.Metrics;

namespace ContactSync.Core.Telemetry;

/// <summary>
/// The product's own meter, <c>ContactSync</c> (published as <c>contactsync_&lt;instrument&gt;</c>: <c>contactsync_records_total</c>,
/// <c>contactsync_nexudus_calls_total</c>, <c>contactsync_run_duration_seconds</c>, …): what runs did, what Nexudus was sent, and (observed from the
/// <see cref="StandingFigures"/> another component keeps up to date) where each source stands. Tags are source names,
/// outcomes, HTTP methods, statuses and windows: never a contact's data.
/// </summary>
public static class ContactSyncMetrics
{
    public const string MeterName = "ContactSync";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Records = Meter.CreateCounter<long>("records_total", description: "Records a run ended with, by outcome");

    private static readonly Counter<long> NexudusCalls = Meter.CreateCounter<long>("nexudus_calls_total", description: "Calls sent to Nexudus, by method and HTTP status (0: no answer)");

    private static readonly Histogram<double> RunDuration = Meter.CreateHistogram<double>("run_duration_seconds", "s", "Wall time of a run");

    private static StandingFigures s_standing = StandingFigures.Empty;

    static ContactSyncMetrics()
    {
        Meter.CreateObservableGauge("last_success_timestamp_seconds",
            () => Volatile.Read(ref s_standing).LastSuccess.Select(pair => new Measurement<double>(pair.Value.ToUnixTimeMilliseconds() / 1000.0, Tag("source", pair.Key))),
            "s", "When each source's last run that succeeded ended (Unix time)");
        Meter.CreateObservableGauge("records_attention",
            () => Volatile.Read(ref s_standing).Attention.Select(pair => new Measurement<long>(pair.Value, Tag("source", pair.Key.Source), Tag("status", pair.Key.Status))),
            description: "Records not in step, by source and state (failed, in_flight, pending, rejected, conflict, unkeyed)");
        Meter.CreateObservableGauge("budget_remaining",
            () => Volatile.Read(ref s_standing).BudgetRemaining.Select(pair => new Measurement<long>(pair.Value, Tag("window", pair.Key))),
            description: "Nexudus API budget left in each window (writes_minute, writes_day, calls_minute, calls_hour)");
        Meter.CreateObservableGauge("hangfire_jobs",
            () => Volatile.Read(ref s_standing).Hangfire.Select(pair => new Measurement<long>(pair.Value, Tag("state", pair.Key))),
            description: "Hangfire jobs by state (enqueued, processing, scheduled, failed)");
        Meter.CreateObservableGauge("alerts_outbox",
            () => Volatile.Read(ref s_standing).AlertsOutbox.Select(pair => new Measurement<long>(pair.Value, Tag("state", pair.Key))),
            description: "Alerts in the outbox by state (pending: not delivered yet; dead: given up on)");
    }

    public static void RunEnded(string source, TimeSpan duration, IEnumerable<(string Outcome, int Count)> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        RunDuration.Record(duration.TotalSeconds, Tag("source", source));
        foreach (var (outcome, count) in records)
        {
            if (count > 0)
            {
                Records.Add(count, Tag("source", source), Tag("outcome", outcome));
            }
        }
    }

    public static void NexudusCall(string method, int status) => NexudusCalls.Add(1, Tag("method", method), Tag("status", status));

    /// <summary>The standing figures as last published (also shown on Hangfire's home page).</summary>
    public static StandingFigures Standing => Volatile.Read(ref s_standing);

    /// <summary>The standing figures the gauges report, replaced whole by whoever reads them from the database.</summary>
    public static void Publish(StandingFigures figures) => Volatile.Write(ref s_standing, figures ?? throw new ArgumentNullException(nameof(figures)));

    private static KeyValuePair<string, object?> Tag(string name, object? value) => new(name, value);
}

/// <summary>Where the sources stand, as last read: for gauges that must not query the database on every scrape.</summary>
public sealed record StandingFigures(
    IReadOnlyDictionary<string, DateTimeOffset> LastSuccess,
    IReadOnlyDictionary<(string Source, string Status), long> Attention,
    IReadOnlyDictionary<string, long> BudgetRemaining,
    IReadOnlyDictionary<string, long> Hangfire)
{
    /// <summary>Alerts waiting in the outbox (<c>pending</c>) and given up on (<c>dead</c>).</summary>
    public IReadOnlyDictionary<string, long> AlertsOutbox { get; init; } = new Dictionary<string, long>();

    public static StandingFigures Empty { get; } = new(
        new Dictionary<string, DateTimeOffset>(), new Dictionary<(string, string), long>(), new Dictionary<string, long>(), new Dictionary<string, long>());

    /// <summary>
    /// The figures with a value for every known series: each configured source's last success (the Unix epoch, read as
    /// 0, when it never succeeded, so "no success for a day" holds for it too) and its records in every state, 0 where
    /// none. A source no longer configured keeps its records' states (they are still in the ledger) but not its last
    /// success: nothing is due from it.
    /// </summary>
    public StandingFigures Completed(IEnumerable<string> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var configured = sources.Distinct(StringComparer.Ordinal).ToList();
        var lastSuccess = configured.ToDictionary(
            source => source, source => LastSuccess.TryGetValue(source, out var at) ? at : DateTimeOffset.UnixEpoch, StringComparer.Ordinal);
        var attention = new Dictionary<(string Source, string Status), long>(Attention);
        foreach (var source in configured)
        {
            foreach (var status in MetricLabels.AttentionStatuses)
            {
                attention.TryAdd((source, status), 0);
            }
        }

        return this with
        {
            LastSuccess = lastSuccess,
            Attention = attention,
            BudgetRemaining = Filled(BudgetRemaining, MetricLabels.BudgetWindows),
            Hangfire = Filled(Hangfire, MetricLabels.HangfireStates),
            AlertsOutbox = Filled(AlertsOutbox, MetricLabels.OutboxStates),
        };
    }

    private static Dictionary<string, long> Filled(IReadOnlyDictionary<string, long> read, IReadOnlyList<string> known)
    {
        var filled = new Dictionary<string, long>(read, StringComparer.Ordinal);
        foreach (var key in known)
        {
            filled.TryAdd(key, 0);
        }

        return filled;
    }
}
