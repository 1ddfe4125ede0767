using System.Diagnostics;
using System.Globalization;
using ContactSync.Benchmarks.Processes;
using ContactSync.Benchmarks.Reporting;
using ContactSync.Core.Postgres;
using ContactSync.Core.Views;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace ContactSync.Benchmarks.Scenarios;

/// <summary>
/// The operator's records list over a large ledger (100,000 records full, 20,000 quick, in every state over three
/// sources, and 1,000 rows rejected without a key): the time of a page (50 records) as the records page and
/// <c>/contactsync/api/records</c> ask for it, first pages and deep pages by cursor, by source, state, run and key.
/// </summary>
internal static class RecordsPageScenario
{
    private static readonly string[] States = ["synced", "synced", "synced", "synced", "pending", "failed", "rejected", "in_flight", "conflict", "removed"];

    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchmarkSettings settings, TextWriter output, CancellationToken cancellationToken)
    {
        var count = settings.Quick ? 20_000 : 100_000;
        var connectionString = await Databases.CreateAsync(settings.PostgresConnectionString, "bench_records", cancellationToken);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await new DatabaseMigrator(dataSource, TimeProvider.System, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(cancellationToken);
        var run = await SeedAsync(dataSource, count, cancellationToken);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Records page: {count} records in {States.Distinct().Count()} states over 3 sources, and 1,000 rows rejected without a key."));

        var browser = new RecordBrowser(dataSource);
        RecordQuery[] queries =
        [
            new(null, null, null, null, null),
            new("source-1", null, null, null, null),
            new("source-2", "failed", null, null, null),
            new(null, "rejected", null, null, null),
            new(null, "in_flight", null, null, null),
            new(null, null, "key-0004", null, null),
            new(null, null, null, run, null),
            new("source-0", "unkeyed", null, null, null),
        ];
        var times = new List<double>();
        foreach (var query in queries)
        {
            // A first page, then 9 more by cursor: deep pages cost what the first does.
            var next = (string?)null;
            for (var page = 0; page < 10; page++)
            {
                var started = Stopwatch.GetTimestamp();
                var result = await browser.ReadAsync(query with { After = next }, cancellationToken);
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                next = result.Next;
                if (next is null)
                {
                    break;
                }
            }
        }

        var p95 = await ReportAsync(output, $"{times.Count} pages over {queries.Length} queries", times);

        // A record's page (the record and its history) for keys spread over the ledger, and the run's page.
        var history = new RecordHistory(dataSource);
        var recordTimes = new List<double>();
        for (var i = 1; i <= count; i += count / 100)
        {
            var started = Stopwatch.GetTimestamp();
            var key = string.Create(CultureInfo.InvariantCulture, $"key-{i:D7}");
            _ = await history.FindAsync("source-" + (i % 3).ToString(CultureInfo.InvariantCulture), key, cancellationToken);
            _ = await history.EventsAsync("source-" + (i % 3).ToString(CultureInfo.InvariantCulture), key, cancellationToken);
            recordTimes.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        var recordP95 = await ReportAsync(output, $"{recordTimes.Count} record pages", recordTimes);
        var details = new RunDetails(dataSource);
        var runTimes = new List<double>();
        for (var i = 0; i < 20; i++)
        {
            var started = Stopwatch.GetTimestamp();
            _ = await details.FindAsync(run, cancellationToken);
            _ = await details.UnkeyedAsync(run, "source-0", 50, cancellationToken);
            runTimes.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        var runP95 = await ReportAsync(output, $"{runTimes.Count} run pages (a run of {count / 2:N0} records)", runTimes);
        return
        [
            Figure.Check(string.Create(CultureInfo.InvariantCulture, $"Records page time, p95 at {count:N0} records"), $"{p95:0.0} ms", "<= 100 ms",
                Format.Number(p95 / 100, "0.00"), p95 <= 100),
            Figure.Check(string.Create(CultureInfo.InvariantCulture, $"Record page time (record and history), p95 at {count:N0} records"), $"{recordP95:0.0} ms", "<= 100 ms",
                Format.Number(recordP95 / 100, "0.00"), recordP95 <= 100),
            Figure.Check(string.Create(CultureInfo.InvariantCulture, $"Run page time, p95, a run of {count / 2:N0} records"), $"{runP95:0.0} ms", "<= 1,000 ms",
                Format.Number(runP95 / 1000, "0.00"), runP95 <= 1000),
        ];
    }

    private static async Task<double> ReportAsync(TextWriter output, string what, List<double> times)
    {
        times.Sort();
        var p95 = times[(int)Math.Ceiling(times.Count * 0.95) - 1];
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"  {what}: median {times[times.Count / 2]:0.0} ms, p95 {p95:0.0} ms, slowest {times[^1]:0.0} ms"));
        return p95;
    }

    private static async Task<Guid> SeedAsync(NpgsqlDataSource dataSource, int count, CancellationToken cancellationToken)
    {
        var run = Guid.CreateVersion7();
        await using var command = dataSource.CreateCommand(
            """
            insert into sync_runs (id, source, trigger, status, started_at, finished_at) values (@run, 'source-0', 'cli', 'completed_with_errors', now(), now());
            insert into sync_records (source, source_id, line_number, coworker_contract_id, contact_type, desired_payload, desired_hash,
                                      status, last_error, last_run_id, created_at, updated_at, nexudus_id, in_doubt, in_flight_since)
            select 'source-' || (i % 3), 'key-' || lpad(i::text, 7, '0'), i, 1000 + i / 20, 1,
                   jsonb_build_object('FullName', 'Person ' || i), md5(i::text), (@states)[1 + i % 10],
                   case when (@states)[1 + i % 10] in ('failed', 'rejected', 'conflict') then 'a reason' end,
                   case when i % 2 = 0 then @run end, now(), now() - (i || ' seconds')::interval,
                   case when (@states)[1 + i % 10] in ('synced', 'conflict') then i end, false,
                   case when (@states)[1 + i % 10] = 'in_flight' then now() end
            from generate_series(1, @count) as i;
            insert into sync_rejections (run_id, line_number, source_id, reason)
            select @run, @count + i, null, 'source_id: required' from generate_series(1, 1000) as i;
            analyze sync_records;
            analyze sync_rejections;
            """);
        command.Parameters.AddWithValue("run", run);
        command.Parameters.AddWithValue("count", count);
        command.Parameters.AddWithValue("states", States);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return run;
    }
}
