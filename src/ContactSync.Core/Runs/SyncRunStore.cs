using Npgsql;

namespace ContactSync.Core.Runs;

/// <summary>
/// The <c>sync_runs</c> and <c>sync_rejections</c> tables: what each run did, for operators. Runs are stamped with the
/// database's clock, never the worker's: alerts and the dashboard order runs of different replicas by these stamps, and
/// a replica whose clock ran fast would otherwise make its old run look newer than a later one.
/// </summary>
public sealed class SyncRunStore(NpgsqlDataSource dataSource)
{
    public async Task StartAsync(Guid runId, string source, string trigger, string? jobId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"insert into sync_runs (id, source, trigger, status, started_at, job_id) values (@id, @source, @trigger, '{RunOutcome.Running}', now(), @job)");
        command.Parameters.Add(new NpgsqlParameter("job", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)jobId ?? DBNull.Value });
        command.Parameters.AddWithValue("id", runId);
        command.Parameters.AddWithValue("source", source);
        command.Parameters.AddWithValue("trigger", trigger);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The run has read its whole source into the ledger: from now on its remaining records are all it has to push.</summary>
    public async Task MarkReadAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("update sync_runs set read_at = now() where id = @id and read_at is null");
        command.Parameters.AddWithValue("id", runId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// A run that found its source held by another: recorded as skipped in one statement, so it is never seen
    /// "running" by the run that holds the source, which would close it as abandoned.
    /// </summary>
    public async Task RecordSkippedAsync(SyncRunSummary summary, string trigger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(summary);
        await using var command = dataSource.CreateCommand(
            $"""
            insert into sync_runs (id, source, trigger, status, started_at, finished_at, error)
            values (@id, @source, @trigger, '{RunOutcome.Skipped}', now(), now(), @error)
            """);
        command.Parameters.AddWithValue("id", summary.RunId);
        command.Parameters.AddWithValue("source", summary.Source);
        command.Parameters.AddWithValue("trigger", trigger);
        command.Parameters.AddWithValue("error", (object?)summary.Error ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Runs of this source still marked running stopped holding it before they finished: their worker died, or lost the
    /// lease (such a run, if still alive, records lease_lost itself when it notices). The caller holds the source now;
    /// close them so the dashboard tells the truth.
    /// </summary>
    public async Task<int> CloseAbandonedAsync(string source, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            update sync_runs set status = '{RunOutcome.Aborted}', abort_reason = 'abandoned', finished_at = now(),
                error = 'The run stopped holding its source before it finished (its worker stopped, or lost the lease); the next run picked up its records.'
            where source = @source and status = '{RunOutcome.Running}'
            """);
        command.Parameters.AddWithValue("source", source);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Records how the run ended, once: a run another run has already closed as abandoned keeps that verdict, unless
    /// it lost its lease, which says more precisely what happened.
    /// </summary>
    public async Task FinishAsync(SyncRunSummary summary, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            update sync_runs set status = @status, finished_at = now(), total = @total, created = @created,
                updated = @updated, adopted = @adopted, linked = @linked, removed = @removed, conflicts = @conflicts, unchanged = @unchanged, rejected = @rejected,
                unverified = @unverified,
                failed = @failed, error = @error, nexudus_reads = @reads, nexudus_writes = @writes, budget_waited_ms = @waited,
                abort_reason = @abort_reason
            where id = @id and (status = '{RunOutcome.Running}' or (@status = '{RunOutcome.LeaseLost}' and status = '{RunOutcome.Aborted}'))
            """);
        command.Parameters.AddWithValue("id", summary.RunId);
        command.Parameters.AddWithValue("status", summary.Outcome);
        command.Parameters.AddWithValue("total", summary.Total);
        command.Parameters.AddWithValue("created", summary.Created);
        command.Parameters.AddWithValue("updated", summary.Updated);
        command.Parameters.AddWithValue("adopted", summary.Adopted);
        command.Parameters.AddWithValue("linked", summary.Linked);
        command.Parameters.AddWithValue("removed", summary.Removed);
        command.Parameters.AddWithValue("conflicts", summary.Conflicts);
        command.Parameters.AddWithValue("unchanged", summary.Unchanged);
        command.Parameters.AddWithValue("rejected", summary.Rejected);
        command.Parameters.AddWithValue("failed", summary.Failed);
        command.Parameters.AddWithValue("unverified", summary.Unverified);
        command.Parameters.AddWithValue("error", (object?)summary.Error ?? DBNull.Value);
        command.Parameters.AddWithValue("reads", summary.NexudusReads);
        command.Parameters.AddWithValue("writes", summary.NexudusWrites);
        command.Parameters.AddWithValue("waited", (long)summary.BudgetWaited.TotalMilliseconds);
        command.Parameters.Add(new NpgsqlParameter("abort_reason", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)AbortReasonOf(summary) ?? DBNull.Value });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Records' history older than <paramref name="keep"/> goes, a bounded batch per run so a first prune of a big
    /// ledger never holds a run up; the record itself keeps its current state and reason.
    /// </summary>
    public async Task<int> PruneHistoryAsync(TimeSpan keep, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            delete from record_events where id in (
                select id from record_events where at < now() - @keep order by at limit 10000)
            """);
        command.Parameters.AddWithValue("keep", keep);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Stores rows that have no usable key (unreadable lines, repeated source_ids).</summary>
    public async Task AddRejectionsAsync(Guid runId, IReadOnlyList<UnkeyedRow> rejections, CancellationToken cancellationToken)
    {
        if (rejections.Count == 0)
        {
            return;
        }

        await using var command = dataSource.CreateCommand(
            """
            insert into sync_rejections (run_id, line_number, source_id, reason, company_ref)
            select @run, t.line, t.source_id, t.reason, t.company
            from unnest(@lines, @source_ids, @reasons, @companies) as t(line, source_id, reason, company)
            on conflict do nothing
            """);
        command.Parameters.AddWithValue("run", runId);
        command.Parameters.AddWithValue("lines", rejections.Select(r => r.Line).ToArray());
        command.Parameters.Add(new NpgsqlParameter("source_ids", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text)
        {
            Value = rejections.Select(r => r.SourceId).ToArray(),
        });
        command.Parameters.AddWithValue("reasons", rejections.Select(r => r.Reason).ToArray());
        command.Parameters.Add(new NpgsqlParameter("companies", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text)
        {
            Value = rejections.Select(r => r.Company).ToArray(),
        });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<int> CountRejectionsAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("select count(*)::int from sync_rejections where run_id = @run");
        command.Parameters.AddWithValue("run", runId);
        return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    // Alerts tell a run that failed from one a shutdown cancelled (it resumes at the next run).
    private static string? AbortReasonOf(SyncRunSummary summary) => summary.Outcome != RunOutcome.Aborted
        ? null
        : summary.AbortReason switch
        {
            AbortReason.NexudusUnavailable => "nexudus_unavailable",
            AbortReason.NexudusConfiguration => "nexudus_configuration",
            AbortReason.SourceConfiguration => "source_configuration",
            AbortReason.SourceUnavailable => "source_unavailable",
            AbortReason.Cancelled => "cancelled",
            _ => null,
        };

    /// <summary>How the run's keyed records stand, by status.</summary>
    public async Task<IReadOnlyDictionary<string, int>> CountByStatusAsync(string source, Guid runId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "select status, count(*)::int from sync_records where source = @source and last_run_id = @run group by status");
        command.Parameters.AddWithValue("source", source);
        command.Parameters.AddWithValue("run", runId);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[reader.GetString(0)] = reader.GetInt32(1);
        }

        return counts;
    }
}
