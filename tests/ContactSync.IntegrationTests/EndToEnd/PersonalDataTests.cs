using System.Net.Http.Json;
using System.Text;
using ContactSync.IntegrationTests.Infrastructure;
using Npgsql;

namespace ContactSync.IntegrationTests.EndToEnd;

/// <summary>
/// Contacts are personal data: they may live in the source, in Nexudus and in the ledger's desired payload, and
/// nowhere else. A scheduled run through Hangfire, with rejections and Nexudus faults on the way, must leave no
/// trace of them in the log output, in Hangfire's tables or in the reasons operators read.
/// </summary>
[Collection(PostgresCollectionDefinition.Name)]
public sealed class PersonalDataTests(PostgresServer postgres)
{
    // Recognisable values that appear nowhere else in the product or its dependencies.
    private static readonly string[] Canaries =
    [
        "Zarathustra", "Quillonby", "Canarywood", "Canaryfield", "Marchbanksia", "Ottilie",
        "pii-probe", "quillonby@", "1931-07-19", "1931-07-19T00:00:00", "1947-11-02", "1887-03-04",
        "Wharfinger Row", "ZX9 9ZX", "+44 20 7946 0999",
    ];

    private static readonly TimeSpan ScheduledRunDeadline = TimeSpan.FromSeconds(150);

    [Fact]
    public async Task A_scheduled_run_with_rejections_and_faults_keeps_personal_data_out_of_logs_Hangfire_and_reasons()
    {
        await using var world = await EndToEndWorld.StartAsync(postgres);
        var csv = new ContactCsv()
            .Add("director", 1001, ContactKind.Director, "Quillonby Zarathustra", "quillonby@pii-probe.example", "1931-07-19", "GB",
                new Address("Wharfinger Row", "ZX9 9ZX", "Canaryfield", Phone: "+44 20 7946 0999"))
            .Add("recipient", 1001, ContactKind.NominatedRecipient, "Ottilie Marchbanksia", "ottilie@pii-probe.example")
            .Add("alias", 1002, ContactKind.CompanyAlias, "Zarathustra Holdings")
            .AddBad("email", "bad-email", "1002", "Director", "Ottilie Canarywood", email: "ottilie@@pii-probe")
            .AddBad("date_of_birth", "bad-date", "1002", "Director", "Quillonby Canarywood", dateOfBirth: "1947-11-31")
            .AddBad("date_of_birth", "alias-date", "1003", "CompanyAlias", "Canarywood Trading", dateOfBirth: "1947-11-02")
            .AddBad("CoworkerContract", "no-contract", "9999", "Director", "Ottilie Canaryfield", "canaryfield@pii-probe.example", "1887-03-04");
        await csv.WriteAsync(world.CsvPath);

        // One POST is throttled and retried, and one is stored but its answer lost, so the retry and in-doubt paths log too.
        await ScriptFaultAsync(world, "Throttle409");
        await ScriptFaultAsync(world, "CommitThenDrop");

        // Every second, so the first scheduled run starts at once instead of at the next minute.
        var environment = world.WorkerEnvironment(schedule: "* * * * * *");
        environment["Hangfire__QueuePollInterval"] = "00:00:01";
        await using var worker = new WorkerProcess(environment, "run", "--urls", $"http://127.0.0.1:{FreeTcpPort.Next()}");
        worker.Start();
        // Done when a scheduled run that worked has finished and every valid row is synced: a later scheduled run
        // finishes what an earlier one left (a create it had to leave in doubt, say).
        await Eventually.WaitUntilAsync(
            async () =>
            {
                await worker.Process.ThrowIfExitedAsync("before the scheduled runs finished the source");
                return await FinishedScheduledRunsAsync(world) > 0
                       && (await world.LedgerAsync()).Count(row => row.Status == "synced") == csv.Valid.Count;
            },
            ScheduledRunDeadline,
            "scheduled runs have synced every valid row");
        worker.SignalTerm();
        await worker.WaitForExitAsync(TimeSpan.FromSeconds(30));

        // The run really went through the interesting paths, or finding nothing would prove nothing.
        await world.AssertSandboxHoldsExactlyAsync(csv.Valid);
        var stats = await world.Sandbox.GetStatsAsync();
        Assert.Equal(1, stats.Count("POST /api/billing/contractcontacts", 409));
        Assert.Equal(1, stats.Count("POST /api/billing/contractcontacts", "dropped"));
        Assert.Equal(csv.Invalid.Count, (await world.RejectionReasonsByLineAsync()).Count);

        var places = new Dictionary<string, string>
        {
            ["worker output"] = worker.StandardOutput + worker.StandardError,
            ["Hangfire's tables"] = await HangfireTablesAsTextAsync(world),
            ["reasons, errors and run history"] = await OperatorFacingColumnsAsync(world),
        };
        Assert.Contains("SyncSourceJob", places["Hangfire's tables"], StringComparison.Ordinal);
        foreach (var (place, text) in places)
        {
            var leaked = Canaries.Where(c => text.Contains(c, StringComparison.OrdinalIgnoreCase)).ToList();
            Assert.True(leaked.Count == 0, $"Personal data in {place}: {string.Join(", ", leaked)}");
        }
    }

    private static async Task ScriptFaultAsync(EndToEndWorld world, string kind)
    {
        using var response = await world.Sandbox.Client.PostAsJsonAsync(
            "_sandbox/faults/next", new { Kind = kind, Count = 1, Method = "POST", Path = "/api/billing/contractcontacts" });
        response.EnsureSuccessStatusCode();
    }

    private static async Task<long> FinishedScheduledRunsAsync(EndToEndWorld world)
    {
        await using var connection = new NpgsqlConnection(world.ConnectionString);
        await connection.OpenAsync();
        await using var exists = new NpgsqlCommand("select to_regclass('public.sync_runs') is not null", connection);
        if (!(bool)(await exists.ExecuteScalarAsync())!)
        {
            return 0;
        }

        // A run the schedule started while another held the source ends at once as skipped: only a run that worked counts.
        await using var command = new NpgsqlCommand(
            "select count(*) from sync_runs where trigger = 'job' and finished_at is not null and status <> 'skipped'", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Every row of every table in Hangfire's schema, as PostgreSQL prints it.</summary>
    private static async Task<string> HangfireTablesAsTextAsync(EndToEndWorld world)
    {
        await using var connection = new NpgsqlConnection(world.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            "select table_name from information_schema.tables where table_schema = 'contactsync_hangfire' and table_type = 'BASE TABLE'",
            connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        Assert.Contains("job", tables);
        var text = new StringBuilder();
        foreach (var table in tables)
        {
            await using var dump = new NpgsqlCommand($"select t::text from contactsync_hangfire.\"{table}\" t", connection);
            await using var rows = await dump.ExecuteReaderAsync();
            while (await rows.ReadAsync())
            {
                text.Append(table).Append(": ").AppendLine(rows.GetString(0));
            }
        }

        return text.ToString();
    }

    private static async Task<string> OperatorFacingColumnsAsync(EndToEndWorld world)
    {
        await using var connection = new NpgsqlConnection(world.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            select coalesce(string_agg(last_error, E'\n'), '') from sync_records
            union all select coalesce(string_agg(reason, E'\n'), '') from sync_rejections
            union all select coalesce(string_agg(concat_ws(' ', source, trigger, status, error), E'\n'), '') from sync_runs
            """,
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        var text = new StringBuilder();
        while (await reader.ReadAsync())
        {
            text.AppendLine(reader.GetString(0));
        }

        return text.ToString();
    }
}
