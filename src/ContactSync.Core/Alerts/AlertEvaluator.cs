using ContactSync.Core.Ledger;
using ContactSync.Core.Nexudus;
using ContactSync.Core.Nexudus.Budget;
using ContactSync.Core.Postgres;
using ContactSync.Core.Runs;
using ContactSync.Core.Views;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ContactSync.Core.Alerts;

/// <summary>
/// Reads where every configured source and the Nexudus budget stand, lets <see cref="AlertRules"/> judge each
/// condition, and records what it found (<see cref="AlertStates"/>), which raises an alert for each change. Safe to run
/// on every replica at once, after every run and on a timer.
/// </summary>
public sealed class AlertEvaluator(
    NpgsqlDataSource dataSource,
    RecordBrowser records,
    AlertStates states,
    AlertWakeups wakeups,
    IOptions<AlertOptions> options,
    IOptions<NexudusOptions> nexudus,
    IOptionsMonitor<ContactSyncOptions> sync,
    ILogger<AlertEvaluator> logger)
{
    /// <summary>Evaluates every condition once; returns the alerts raised.</summary>
    public async Task<IReadOnlyList<AlertEvent>> EvaluateAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var targets = settings.Targets;
        var rules = new AlertRules(settings);
        // The database's clock, the one runs and leases are stamped with: a replica whose own clock runs fast or slow
        // would otherwise find a source overdue early, or record its states at times other replicas cannot compare.
        var now = await DatabaseClock.NowAsync(dataSource, cancellationToken);
        var sources = sync.CurrentValue.Sources;
        var names = sources.Select(source => source.Name).ToList();

        var observations = new List<Observation>();
        foreach (var standing in await ReadSourcesAsync(sources.Select(source => (source.Name, source.Schedule)).ToList(), cancellationToken))
        {
            observations.AddRange(rules.ForSource(standing, now));
        }

        observations.Add(rules.BudgetSpent(await ReadBudgetAsync(cancellationToken)));
        foreach (var (source, condition) in await states.BadOfOtherSourcesAsync(names, cancellationToken))
        {
            observations.Add(rules.NoLongerConfigured(source, condition));
        }

        var raised = new List<AlertEvent>();
        foreach (var observation in observations)
        {
            if (await states.ObserveAsync(observation, now, targets, cancellationToken) is { } alert)
            {
                AlertLogMessages.Raised(logger, alert.Kind, alert.Condition, alert.Source ?? "(account)", alert.Id);
                raised.Add(alert);
            }
        }

        await states.ForgetOtherSourcesAsync(names, cancellationToken);
        if (raised.Count > 0)
        {
            wakeups.Delivery.Notify();
        }

        return raised;
    }

    private async Task<IReadOnlyList<SourceStanding>> ReadSourcesAsync(IReadOnlyList<(string Name, string Schedule)> sources, CancellationToken cancellationToken)
    {
        var latest = new Dictionary<string, (LatestRun? Run, bool UnderWay, DateTimeOffset? FirstSeen)>(StringComparer.Ordinal);
        // Per source, the latest run that says something about it (LatestRun); by start, so the index serves it.
        await using (var command = dataSource.CreateCommand(
                         $"""
                         select s.name, r.id, r.status, r.abort_reason, r.finished_at, r.total, r.created, r.updated, r.removed, r.rejected, r.failed,
                                exists (select 1 from source_leases l where l.source = s.name and l.expires_at > now()),
                                st.first_seen_at
                         from unnest(@sources) as s(name)
                         left join lateral (
                             select id, status, abort_reason, finished_at, total, created, updated, removed, rejected, failed
                             from sync_runs r
                             where r.source = s.name and r.finished_at is not null
                               and r.status not in ('{RunOutcome.Running}', '{RunOutcome.Skipped}', '{RunOutcome.LeaseLost}')
                               and r.abort_reason is distinct from 'cancelled'
                             order by r.started_at desc
                             limit 1) r on true
                         left join alert_states st on st.source = s.name and st.condition = @overdue
                         """))
        {
            command.Parameters.AddWithValue("sources", sources.Select(source => source.Name).ToArray());
            command.Parameters.AddWithValue("overdue", AlertConditions.Overdue);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var run = reader.IsDBNull(1)
                    ? null
                    : new LatestRun(
                        reader.GetGuid(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetFieldValue<DateTimeOffset>(4),
                        reader.GetInt32(5), reader.GetInt32(6), reader.GetInt32(7), reader.GetInt32(8), reader.GetInt32(9), reader.GetInt32(10));
                latest[reader.GetString(0)] = (run, reader.GetBoolean(11), reader.IsDBNull(12) ? null : reader.GetFieldValue<DateTimeOffset>(12));
            }
        }

        var standings = new List<SourceStanding>();
        foreach (var (name, schedule) in sources)
        {
            var (run, underWay, firstSeen) = latest.GetValueOrDefault(name);
            // Counted as the records page counts them, so the alert's number is what its link shows.
            var held = run?.Outcome == RunOutcome.Held
                ? (await records.ReadAsync(new RecordQuery(name, RecordState.Held, null, null, null, 1), cancellationToken)).Total
                : 0;
            standings.Add(new SourceStanding(name, schedule, run, held, underWay, firstSeen));
        }

        return standings;
    }

    private async Task<BudgetStanding> ReadBudgetAsync(CancellationToken cancellationToken)
    {
        var settings = nexudus.Value;
        await using var command = dataSource.CreateCommand(
            "select count(*) from nexudus_budget_calls where budget_key = @key and is_write and sent_at > now() - interval '1 day'");
        command.Parameters.AddWithValue("key", NexudusBudgetKey.For(settings));
        return new BudgetStanding(settings.WritesPerDay, (long)(await command.ExecuteScalarAsync(cancellationToken))!);
    }
}
