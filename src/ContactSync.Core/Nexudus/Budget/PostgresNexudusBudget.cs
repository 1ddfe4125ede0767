using ContactSync.Core.Nexudus;
using ContactSync.Core.Postgres;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ContactSync.Core.Nexudus.Budget;

/// <summary>
/// The budget shared by every replica: the calls granted and Nexudus's throttling live in PostgreSQL, each grant
/// is decided under a transaction-scoped advisory lock for the client's budget, and every time comes from the
/// database's clock, so replicas whose clocks disagree still count the same windows
/// (docs/decisions/0003-shared-api-budget.md).
/// </summary>
internal sealed class PostgresNexudusBudget : INexudusBudget
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _time;
    private readonly ILogger<PostgresNexudusBudget> _logger;
    private readonly NexudusBudgetLimits _limits;
    private readonly string _key;
    private readonly long _lockKey;

    public PostgresNexudusBudget(
        NpgsqlDataSource dataSource, IOptions<NexudusOptions> options, TimeProvider time, ILogger<PostgresNexudusBudget> logger)
    {
        _dataSource = dataSource;
        _time = time;
        _logger = logger;
        _limits = NexudusBudgetLimits.From(options.Value);
        _key = NexudusBudgetKey.For(options.Value);
        _lockKey = AdvisoryLock.KeyFor("nexudus-budget", _key);
    }

    public async ValueTask AcquireAsync(bool isWrite, CancellationToken cancellationToken)
    {
        while (true)
        {
            switch (await TryTakeAsync(isWrite, cancellationToken))
            {
                case NexudusBudgetDecision.Granted:
                    return;
                case NexudusBudgetDecision.Exhausted spent:
                    throw new NexudusBudgetExhaustedException(spent.Budget, spent.Limit, spent.FreesAt);
                case NexudusBudgetDecision.Wait wait:
                    // Sleep until the slot frees by the database's reckoning, then ask again: another replica may have
                    // taken it, or a throttle may have arrived meanwhile.
                    await Task.Delay(wait.Delay, _time, cancellationToken);
                    break;
            }
        }
    }

    public async ValueTask ReportThrottledAsync(TimeSpan retryAfter, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var (now, throttle) = await ReadThrottleAsync(connection, transaction, cancellationToken);
            var next = throttle.AfterThrottled(now, retryAfter);
            await WriteThrottleAsync(connection, transaction, next, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            if (next.SlowedAt == now)
            {
                NexudusLogMessages.BudgetSlowed(_logger, 1 << next.Level, NexudusBudgetSlowdown.RecoveryStep);
            }
        }
        catch (NpgsqlException e)
        {
            // The 409 still reaches the retry, which waits for Retry-After itself; only the other replicas miss the
            // warning, and they will be throttled and report it in turn. Failing the response over it would turn a
            // call Nexudus certainly refused into one whose outcome looks unknown.
            NexudusLogMessages.ThrottleNotShared(_logger, e.GetType().Name);
        }
    }

    private async Task<NexudusBudgetDecision> TryTakeAsync(bool isWrite, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var snapshot = await ReadSnapshotAsync(connection, transaction, cancellationToken);
            var decision = NexudusBudgetRules.Decide(snapshot, _limits, isWrite);
            if (decision is NexudusBudgetDecision.Granted granted)
            {
                await RecordAsync(connection, transaction, granted.At, isWrite, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }

            return decision;
        }
        catch (NpgsqlException e)
        {
            // Nothing was sent; the retry may try again once the database answers.
            throw new NexudusRequestNotSentException("The shared Nexudus budget could not be read from PostgreSQL.", e);
        }
    }

    private async Task<NexudusBudgetSnapshot> ReadSnapshotAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(LockCommand());

        // The clock is read once the lock is held, so grants are timed in the order they were decided.
        var read = new NpgsqlBatchCommand(
            """
            with clock as materialized (select clock_timestamp() as now),
            newest as materialized (
                select (select max(call_no) from nexudus_budget_calls where budget_key = @key) as call_no,
                       (select max(write_no) from nexudus_budget_calls where budget_key = @key and is_write) as write_no)
            select clock.now, t.paused_until, coalesce(t.slow_level, 0), t.slowed_at,
                (select sent_at from nexudus_budget_calls where budget_key = @key and call_no = newest.call_no),
                -- The limit-th newest write (call), found by its number; null when it is older than the window.
                (select sent_at from nexudus_budget_calls
                 where budget_key = @key and is_write and write_no = newest.write_no - @writes_per_day + 1
                   and sent_at > clock.now - @day_window),
                (select sent_at from nexudus_budget_calls
                 where budget_key = @key and call_no = newest.call_no - @calls_per_hour + 1
                   and sent_at > clock.now - @hour_window),
                array(select sent_at from nexudus_budget_calls
                      where budget_key = @key and is_write and sent_at > clock.now - @rate_window),
                array(select sent_at from nexudus_budget_calls
                      where budget_key = @key and not is_write and sent_at > clock.now - @rate_window)
            from clock cross join newest left join nexudus_budget_throttle t on t.budget_key = @key
            """);
        read.Parameters.AddWithValue("key", _key);
        read.Parameters.AddWithValue("day_window", NexudusBudgetLimits.DayWindow);
        read.Parameters.AddWithValue("hour_window", NexudusBudgetLimits.HourWindow);
        read.Parameters.AddWithValue("rate_window", NexudusBudgetLimits.RateWindow);
        read.Parameters.AddWithValue("writes_per_day", _limits.WritesPerDay);
        read.Parameters.AddWithValue("calls_per_hour", _limits.CallsPerHour);
        batch.BatchCommands.Add(read);

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var now = reader.GetFieldValue<DateTimeOffset>(0);
        var throttle = ThrottleFrom(reader, 1);
        var recent = reader.GetFieldValue<DateTime[]>(7).Select(at => new NexudusCall(Utc(at), IsWrite: true))
            .Concat(reader.GetFieldValue<DateTime[]>(8).Select(at => new NexudusCall(Utc(at), IsWrite: false)))
            .ToList();
        return new NexudusBudgetSnapshot(now, Optional(reader, 4), recent, Optional(reader, 5), Optional(reader, 6), throttle);
    }

    private async Task RecordAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, DateTimeOffset at, bool isWrite, CancellationToken cancellationToken)
    {
        // Numbered before the prune, so the numbers only grow while the budget holds any call; then pruned as it
        // goes: a budget holds at most a day of writes and an hour of other calls.
        await using var command = new NpgsqlCommand(
            """
            insert into nexudus_budget_calls (budget_key, sent_at, is_write, call_no, write_no)
            select @key, @at, @is_write,
                coalesce((select max(call_no) from nexudus_budget_calls where budget_key = @key), 0) + 1,
                case when @is_write
                     then coalesce((select max(write_no) from nexudus_budget_calls where budget_key = @key and is_write), 0) + 1
                end;
            delete from nexudus_budget_calls where budget_key = @key and is_write and sent_at <= @at - @day_window;
            delete from nexudus_budget_calls where budget_key = @key and not is_write and sent_at <= @at - @hour_window;
            """, connection, transaction);
        command.Parameters.AddWithValue("key", _key);
        command.Parameters.AddWithValue("at", at);
        command.Parameters.AddWithValue("is_write", isWrite);
        command.Parameters.AddWithValue("day_window", NexudusBudgetLimits.DayWindow);
        command.Parameters.AddWithValue("hour_window", NexudusBudgetLimits.HourWindow);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<(DateTimeOffset Now, NexudusBudgetSlowdown Throttle)> ReadThrottleAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(LockCommand());
        var read = new NpgsqlBatchCommand(
            """
            select clock_timestamp(), t.paused_until, coalesce(t.slow_level, 0), t.slowed_at
            from (select 1) one left join nexudus_budget_throttle t on t.budget_key = @key
            """);
        read.Parameters.AddWithValue("key", _key);
        batch.BatchCommands.Add(read);

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetFieldValue<DateTimeOffset>(0), ThrottleFrom(reader, 1));
    }

    private async Task WriteThrottleAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, NexudusBudgetSlowdown throttle, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            insert into nexudus_budget_throttle (budget_key, paused_until, slow_level, slowed_at)
            values (@key, @paused_until, @slow_level, @slowed_at)
            on conflict (budget_key) do update
            set paused_until = excluded.paused_until, slow_level = excluded.slow_level, slowed_at = excluded.slowed_at
            """, connection, transaction);
        command.Parameters.AddWithValue("key", _key);
        command.Parameters.AddWithValue("paused_until", NpgsqlTypes.NpgsqlDbType.TimestampTz, (object?)throttle.PausedUntil ?? DBNull.Value);
        command.Parameters.AddWithValue("slow_level", throttle.Level);
        command.Parameters.AddWithValue("slowed_at", NpgsqlTypes.NpgsqlDbType.TimestampTz, (object?)throttle.SlowedAt ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private NpgsqlBatchCommand LockCommand()
    {
        var command = new NpgsqlBatchCommand("select pg_advisory_xact_lock(@lock)");
        command.Parameters.AddWithValue("lock", _lockKey);
        return command;
    }

    private static NexudusBudgetSlowdown ThrottleFrom(NpgsqlDataReader reader, int first)
        => new(Optional(reader, first), reader.GetInt32(first + 1), Optional(reader, first + 2));

    private static DateTimeOffset? Optional(NpgsqlDataReader reader, int ordinal)
        => reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);

    private static DateTimeOffset Utc(DateTime at) => new(DateTime.SpecifyKind(at, DateTimeKind.Utc));
}
