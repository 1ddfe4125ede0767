using ContactSync.Core.Ledger;
using ContactSync.Core.Nexudus.Budget;
using ContactSync.Core.Runs;
using Npgsql;

namespace ContactSync.Core.Views;

/// <summary>One run whole, for its page: the list's figures, its Hangfire job, what it spent, and the records it touched by how they ended.</summary>
public sealed record RunDetail(
    RunItem Run,
    string? JobId,
    int NexudusReads,
    int NexudusWrites,
    TimeSpan BudgetWaited,
    int Removed,
    int Conflicts,
    IReadOnlyDictionary<string, long> RecordsByOutcome)
{
    /// <summary>Why a run stopped early (<c>nexudus_unavailable</c>, <c>cancelled</c>, …), or null.</summary>
    public string? AbortReason { get; init; }
}

/// <summary>Runs a day of one source ended with one outcome, for the 30-day chart.</summary>
public sealed record DailyOutcome(DateOnly Day, string Source, string Outcome, int Runs);

/// <summary>Reads one run, a running run's progress, and the runs per day, for the dashboard.</summary>
public sealed class RunDetails(NpgsqlDataSource dataSource)
{
    public async Task<RunDetail?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            select {RunBrowser.ItemColumns},
                   r.job_id, r.nexudus_reads, r.nexudus_writes, r.budget_waited_ms, r.removed, r.conflicts, r.abort_reason
            from sync_runs r where r.id = @id
            """);
        command.Parameters.AddWithValue("id", id);
        RunItem item;
        string? jobId;
        int reads, writes, removed, conflicts;
        long waited;
        string? abortReason;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            item = RunBrowser.ReadItem(reader);
            const int at = RunBrowser.ItemColumnCount;
            jobId = reader.IsDBNull(at) ? null : reader.GetString(at);
            (reads, writes, waited, removed, conflicts) = (reader.GetInt32(at + 1), reader.GetInt32(at + 2), reader.GetInt64(at + 3), reader.GetInt32(at + 4), reader.GetInt32(at + 5));
            abortReason = reader.IsDBNull(at + 6) ? null : reader.GetString(at + 6);
        }

        // How each record the run touched ended in it: its last event under this run.
        await using var outcomes = dataSource.CreateCommand(
            $"""
            select case when outcome = '{RecordState.Gone}' then '{RecordState.Rejected}' else outcome end, count(*) from (
                select distinct on (source_id) outcome from record_events
                where run_id = @id and source = @source order by source_id, id desc) last
            group by 1
            """);
        outcomes.Parameters.AddWithValue("id", id);
        outcomes.Parameters.AddWithValue("source", item.Source);
        var byOutcome = new Dictionary<string, long>(StringComparer.Ordinal);
        await using (var reader = await outcomes.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                byOutcome[reader.GetString(0)] = byOutcome.GetValueOrDefault(reader.GetString(0)) + reader.GetInt64(1);
            }
        }

        return new RunDetail(item, jobId, reads, writes, TimeSpan.FromMilliseconds(waited), removed, conflicts, byOutcome) { AbortReason = abortReason };
    }

    /// <summary>The source's newest run and its outcome, if it has one (what "the latest run" means on the pages).</summary>
    public async Task<(Guid Id, string Outcome)?> LatestAsync(string source, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "select id, status from sync_runs where source = @source order by started_at desc, id desc limit 1");
        command.Parameters.AddWithValue("source", source);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetGuid(0), reader.GetString(1)) : null;
    }

    /// <summary>The first <paramref name="limit"/> rows this run rejected before they had a usable key, by line (the run's <see cref="RunItem.Unkeyed"/> counts them all).</summary>
    public async Task<IReadOnlyList<RecordItem>> UnkeyedAsync(Guid id, string source, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            select source_id, line_number, reason, company_ref from sync_rejections
            where run_id = @id order by line_number limit @limit
            """);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("limit", limit);
        var rows = new List<RecordItem>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new RecordItem(source, reader.IsDBNull(0) ? null : reader.GetString(0), RecordState.Unkeyed, reader.GetInt64(1), reader.GetString(2), 0, null,
                false, null, id, reader.IsDBNull(3) ? null : reader.GetString(3), null));
        }

        return rows;
    }

    /// <summary>The run started by Hangfire job <paramref name="jobId"/> most recently, if any.</summary>
    public Guid? FindByJob(string jobId)
    {
        using var command = dataSource.CreateCommand("select id from sync_runs where job_id = @job order by started_at desc limit 1");
        command.Parameters.AddWithValue("job", jobId);
        return command.ExecuteScalar() is Guid id ? id : null;
    }

    /// <summary>
    /// Records a running run has tried (an attempt of it ended) and still has to try (waiting or in flight under it),
    /// with the end estimated from the API budget left, and whether it is still reading its source (then the records
    /// to try, and the end, are only those read so far).
    /// </summary>
    public async Task<RunProgress> ProgressAsync(Guid id, string source, NexudusBudgetStanding budget, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(budget);
        await using var command = dataSource.CreateCommand(
            $"""
            select (select count(distinct source_id) from record_events
                    where run_id = @id and source = @source and operation in ('create', 'update', 'delete', 'resolve')),
                   (select count(*) from sync_records
                    where source = @source and last_run_id = @id and status in ('{RecordState.Pending}', '{RecordState.InFlight}') and desired_payload is not null),
                   (select read_at is null from sync_runs where id = @id)
            """);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("source", source);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var (done, remaining, reading) = (reader.GetInt64(0), reader.GetInt64(1), reader.IsDBNull(2) || reader.GetBoolean(2));
        return new RunProgress(
            done, remaining, RunProgress.EstimateEnd(remaining, budget.WritesPerMinute, budget.WritesPerDay, budget.WritesMinuteLeft, budget.WritesDayLeft, now), reading);
    }

    /// <summary>Finished runs per day (UTC), source and outcome over the last <paramref name="days"/> days, skipped and dry runs left out.</summary>
    public async Task<IReadOnlyList<DailyOutcome>> DailyOutcomesAsync(int days, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            select (started_at at time zone 'UTC')::date, source, status, count(*)::int from sync_runs
            where started_at >= @since and status not in ('{RunOutcome.Skipped}', '{RunOutcome.Running}')
            group by 1, 2, 3 order by 1, 2, 3
            """);
        command.Parameters.AddWithValue("since", new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(1 - days));
        var rows = new List<DailyOutcome>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new DailyOutcome(DateOnly.FromDateTime(reader.GetDateTime(0)), reader.GetString(1), reader.GetString(2), reader.GetInt32(3)));
        }

        return rows;
    }
}
