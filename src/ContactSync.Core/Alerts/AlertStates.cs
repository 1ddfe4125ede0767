using Npgsql;
using NpgsqlTypes;

namespace ContactSync.Core.Alerts;

/// <summary>
/// The <c>alert_states</c> table: whether each (source, condition) is bad now. An observation that changes the state
/// changes it and puts its alert in the outbox in one statement; the update's row lock makes a second replica that
/// observed the same change at the same moment find nothing left to change, so each change is announced once.
/// </summary>
public sealed class AlertStates(NpgsqlDataSource dataSource)
{
    /// <summary>The source column of the account-wide conditions (source names are never empty).</summary>
    public const string Account = "";

    /// <summary>Records the observation; returns the alert it raised, or null when the state did not change.</summary>
    public async Task<AlertEvent?> ObserveAsync(
        Observation observation, DateTimeOffset now, IReadOnlyList<AlertTarget> targets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(observation);
        ArgumentNullException.ThrowIfNull(targets);
        var source = observation.Source ?? Account;
        await using var batch = dataSource.CreateBatch();

        // A condition is good until first seen bad: first sight of a bad one alerts, of a good one says nothing.
        var baseline = new NpgsqlBatchCommand(
            """
            insert into alert_states (source, condition, bad, first_seen_at, changed_at) values (@source, @condition, false, @now, @now)
            on conflict (source, condition) do nothing
            """);
        Bind(baseline, source, observation.Condition, now);
        batch.BatchCommands.Add(baseline);

        AlertEvent? alert = null;
        if (observation.State != ConditionState.Unknown)
        {
            alert = AlertEvent.For(observation, Guid.CreateVersion7(now), now);
            var flip = new NpgsqlBatchCommand(
                """
                with flipped as (
                    update alert_states set bad = @bad, changed_at = @now, event_id = @event
                    where source = @source and condition = @condition and bad <> @bad
                    returning event_id)
                insert into alert_outbox (event_id, target, payload, created_at, next_attempt_at)
                select f.event_id, t.target, @payload, now(), now() from flipped f cross join unnest(@targets) as t(target)
                """);
            Bind(flip, source, observation.Condition, now);
            flip.Parameters.AddWithValue("bad", observation.State == ConditionState.Bad);
            flip.Parameters.AddWithValue("event", alert.Id);
            flip.Parameters.AddWithValue("payload", alert.ToJson());
            flip.Parameters.Add(new NpgsqlParameter("targets", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = targets.Select(AlertTargets.Name).ToArray() });
            batch.BatchCommands.Add(flip);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        return alert is not null && batch.BatchCommands[1].RecordsAffected > 0 ? alert : null;
    }

    /// <summary>Sources that still have a state but are no longer configured, with their conditions that are bad.</summary>
    public async Task<IReadOnlyList<(string Source, string Condition)>> BadOfOtherSourcesAsync(IReadOnlyCollection<string> configured, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "select source, condition from alert_states where bad and source <> @account and not (source = any(@configured)) order by source, condition");
        command.Parameters.AddWithValue("account", Account);
        command.Parameters.AddWithValue("configured", configured.ToArray());
        var bad = new List<(string, string)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            bad.Add((reader.GetString(0), reader.GetString(1)));
        }

        return bad;
    }

    /// <summary>Forgets sources no longer configured once nothing about them is bad, so one added again starts afresh.</summary>
    public async Task ForgetOtherSourcesAsync(IReadOnlyCollection<string> configured, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            delete from alert_states s where s.source <> @account and not (s.source = any(@configured))
            and not exists (select 1 from alert_states b where b.source = s.source and b.bad)
            """);
        command.Parameters.AddWithValue("account", Account);
        command.Parameters.AddWithValue("configured", configured.ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void Bind(NpgsqlBatchCommand command, string source, string condition, DateTimeOffset now)
    {
        command.Parameters.AddWithValue("source", source);
        command.Parameters.AddWithValue("condition", condition);
        command.Parameters.AddWithValue("now", now);
    }
}
