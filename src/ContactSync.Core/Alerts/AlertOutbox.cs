using Npgsql;
using NpgsqlTypes;

namespace ContactSync.Core.Alerts;

/// <summary>One delivery of one alert to one target, as claimed from the outbox.</summary>
public sealed record OutboxRow(long Id, Guid EventId, AlertTarget Target, string Payload, int Attempts);

/// <summary>
/// The <c>alert_outbox</c> table, on the database's clock so every replica agrees when a row is due. A replica claims
/// one due row at a time (<c>for update skip locked</c>, then a claim that lasts a delivery attempt), so replicas never
/// send a row at the same time, and a replica that dies mid-delivery leaves it to be claimed again. A failed delivery
/// holds back the target's later rows with it: the receiver is what failed, and alerts then reach it in order.
/// </summary>
public sealed class AlertOutbox(NpgsqlDataSource dataSource)
{
    private const string Pending = "delivered_at is null and dead_at is null";

    /// <returns>The oldest due row of these targets, now claimed for <paramref name="claimFor"/>, or null when none is due.</returns>
    public async Task<OutboxRow?> ClaimAsync(IReadOnlyList<AlertTarget> targets, TimeSpan claimFor, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            update alert_outbox o set claimed_until = now() + @claim, attempts = o.attempts + 1
            from (select id from alert_outbox
                  where {Pending} and target = any(@targets) and next_attempt_at <= now()
                    and (claimed_until is null or claimed_until <= now())
                  order by id limit 1
                  for update skip locked) due
            where o.id = due.id
            returning o.id, o.event_id, o.target, o.payload, o.attempts
            """);
        command.Parameters.AddWithValue("claim", claimFor);
        AddTargets(command, targets);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new OutboxRow(reader.GetInt64(0), reader.GetGuid(1), AlertTargets.Parse(reader.GetString(2)), reader.GetString(3), reader.GetInt32(4))
            : null;
    }

    /// <summary>Delivered: and the target's rows held back behind it are due now, in order.</summary>
    public async Task DeliveredAsync(OutboxRow row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(WithId(new NpgsqlBatchCommand(
            "update alert_outbox set delivered_at = now(), claimed_until = null, last_error = null where id = @id"), row));
        batch.BatchCommands.Add(WithRow(new NpgsqlBatchCommand(
            $"update alert_outbox set next_attempt_at = now() where {Pending} and target = @target and id <> @id and next_attempt_at > now()"), row));
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Not delivered: tried again after <paramref name="retryIn"/>, or given up on (dead) if <paramref name="giveUp"/>.</summary>
    public async Task FailedAsync(OutboxRow row, string error, TimeSpan retryIn, bool giveUp, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        await using var batch = dataSource.CreateBatch();
        var failed = WithId(new NpgsqlBatchCommand(
            """
            update alert_outbox set claimed_until = null, last_error = @error, next_attempt_at = now() + @retry_in,
                dead_at = case when @give_up then now() end
            where id = @id
            """), row);
        failed.Parameters.AddWithValue("error", error);
        failed.Parameters.AddWithValue("retry_in", retryIn);
        failed.Parameters.AddWithValue("give_up", giveUp);
        batch.BatchCommands.Add(failed);
        var holdBack = WithRow(new NpgsqlBatchCommand(
            $"update alert_outbox set next_attempt_at = greatest(next_attempt_at, now() + @retry_in) where {Pending} and target = @target and id > @id"), row);
        holdBack.Parameters.AddWithValue("retry_in", retryIn);
        batch.BatchCommands.Add(holdBack);
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The worker is stopping mid-delivery: the row is due again at once, and the attempt does not count.</summary>
    public async Task ReleaseAsync(OutboxRow row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        await using var command = dataSource.CreateCommand(
            "update alert_outbox set claimed_until = null, attempts = greatest(attempts - 1, 0) where id = @id and delivered_at is null");
        command.Parameters.AddWithValue("id", row.Id);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Gives up on rows raised longer than <paramref name="giveUpAfter"/> ago (stale news by now), and on rows for a target
    /// no longer configured; returns how many.
    /// </summary>
    public async Task<int> GiveUpAsync(IReadOnlyList<AlertTarget> targets, TimeSpan giveUpAfter, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            update alert_outbox set dead_at = now(), claimed_until = null,
                last_error = case when target = any(@targets)
                    then concat_ws('; ', last_error, 'not delivered within ' || @give_up_after::text)
                    else concat_ws('; ', last_error, 'its target is no longer configured') end
            where {Pending} and (claimed_until is null or claimed_until <= now())
              and (created_at <= now() - @give_up_after or not (target = any(@targets)))
            """);
        command.Parameters.AddWithValue("give_up_after", giveUpAfter);
        AddTargets(command, targets);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Rows waiting to be delivered and rows given up on: the <c>contactsync_alerts_outbox</c> gauge.</summary>
    public async Task<(long Pending, long Dead)> CountAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"select count(*) filter (where {Pending}), count(*) filter (where dead_at is not null) from alert_outbox");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>Drops rows delivered more than <paramref name="keepDelivered"/> ago and rows dead more than <paramref name="keepDead"/> ago.</summary>
    public async Task<int> PruneAsync(TimeSpan keepDelivered, TimeSpan keepDead, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "delete from alert_outbox where delivered_at < now() - @keep_delivered or dead_at < now() - @keep_dead");
        command.Parameters.AddWithValue("keep_delivered", keepDelivered);
        command.Parameters.AddWithValue("keep_dead", keepDead);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlBatchCommand WithId(NpgsqlBatchCommand command, OutboxRow row)
    {
        command.Parameters.AddWithValue("id", row.Id);
        return command;
    }

    private static NpgsqlBatchCommand WithRow(NpgsqlBatchCommand command, OutboxRow row)
    {
        command.Parameters.AddWithValue("target", AlertTargets.Name(row.Target));
        return WithId(command, row);
    }

    private static void AddTargets(NpgsqlCommand command, IReadOnlyList<AlertTarget> targets) =>
        command.Parameters.Add(new NpgsqlParameter("targets", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = targets.Select(AlertTargets.Name).ToArray() });
}
