using System.Text.Json;
using ContactSync.IntegrationTests.ExactlyOnce;
using ContactSync.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace ContactSync.IntegrationTests.KeepInStep;

/// <summary>
/// <c>sync-once --dry-run</c> says what the next run will do, writes nothing to Nexudus and changes no record, and the
/// next run then does exactly that: on a first load onto a live account, and on a later run with edits, removals and
/// a changed key.
/// </summary>
[Collection(PostgresCollectionDefinition.Name)]
public sealed class DryRunTests(PostgresServer postgres, ITestOutputHelper output)
{
    private static readonly string[] Writes =
        ["POST /api/billing/contractcontacts", "PUT /api/billing/contractcontacts", "DELETE /api/billing/contractcontacts/{id}"];

    [Fact]
    public async Task The_plan_is_what_the_next_run_does_and_planning_writes_nothing()
    {
        await using var rig = await ExactlyOnceRig.StartAsync("dry-run", postgres, output, records: 120);
        var environment = new Dictionary<string, string>(rig.WorkerEnvironment()) { ["ContactSync__Sources__0__Mode"] = "Mirror" };
        var rows = rig.Source.Valid.ToList();

        // A live account: 20 of the people typed in already, one typed in twice; and one person listed under two keys.
        var seeded = rows.Take(20).Select(row => (row, Contact(row, row.FullName.ToUpperInvariant()), true)).ToList();
        seeded.Add((rows[30], Contact(rows[30], rows[30].FullName), false));
        seeded.Add((rows[30], Contact(rows[30], " " + rows[30].FullName), false));
        await rig.SeedForeignContactsAsync(seeded);
        rig.Source.Append(rows[40] with { SourceId = "eo-second-key" });
        await rig.Source.WriteAsync(rig.CsvPath);

        var first = await PlanThenRunAsync(rig, environment);
        Assert.Equal((rows.Count - 20 - 1, 20), (first.Plan.GetProperty("creates").GetInt32(), first.Plan.GetProperty("links").GetInt32()));

        // Later: three people move, two leave, and one is re-keyed by the source.
        foreach (var index in new[] { 50, 51, 52 })
        {
            rig.Source.Edit(rig.Source.Rows.ToList().IndexOf(rows[index]), row => row with { City = "Leeds", Phone = "+44 113 496 0001" });
        }

        var rekeyed = rows[60];
        rig.Source.Drop([rows[70].SourceId, rows[71].SourceId, rekeyed.SourceId]);
        rig.Source.Append(rekeyed with { SourceId = "eo-new-key", FullName = rekeyed.FullName.ToUpperInvariant() });
        await rig.Source.WriteAsync(rig.CsvPath);

        var second = await PlanThenRunAsync(rig, environment);
        Assert.Equal((3, 2, 1), (second.Plan.GetProperty("updates").GetInt32(), second.Plan.GetProperty("removals").GetInt32(),
            second.Plan.GetProperty("links").GetInt32()));
        var moved = second.Plan.GetProperty("records").EnumerateArray().First(record => record.GetProperty("action").GetString() == "update");
        Assert.Equal(new[] { "CityName", "PhoneNumber" }, moved.GetProperty("fields").EnumerateArray().Select(field => field.GetString()!).ToArray());
        Assert.DoesNotContain("Leeds", second.PlanText, StringComparison.Ordinal);
    }

    /// <summary>Runs a JSON dry run, checks it wrote and changed nothing, runs for real, and checks the run did what the plan said.</summary>
    private async Task<(JsonElement Plan, string PlanText)> PlanThenRunAsync(ExactlyOnceRig rig, Dictionary<string, string> environment)
    {
        var ledgerBefore = await LedgerAsync(rig);
        var stats = await rig.Sandbox.GetStatsAsync();
        var dry = await rig.RunSyncOnceAsync(environment, "--dry-run", "--output", "json");
        var calls = (await rig.Sandbox.GetStatsAsync()).Since(stats);
        Assert.True(dry.ExitCode == 0, dry.Output);
        Assert.Equal(0, Writes.Sum(calls.Count));
        Assert.Equal(ledgerBefore, await LedgerAsync(rig));
        var plan = JsonDocument.Parse(dry.StandardOutput).RootElement.Clone();
        output.WriteLine($"plan: {string.Join(", ", new[] { "creates", "links", "updates", "removals", "rejections" }.Select(name => $"{name} {plan.GetProperty(name).GetInt32()}"))}; reads {calls.Describe()}");

        var text = await rig.RunSyncOnceAsync(environment, "--dry-run");
        await rig.RunSyncOnceAsync(environment);
        var run = await LastRunAsync(rig);
        output.WriteLine($"run: {run}");
        Assert.Equal(
            (plan.GetProperty("creates").GetInt32(), plan.GetProperty("links").GetInt32(), plan.GetProperty("updates").GetInt32(),
                plan.GetProperty("removals").GetInt32(), plan.GetProperty("rejections").GetInt32()),
            run);
        return (plan, text.StandardOutput);
    }

    private static Dictionary<string, object?> Contact(SourceRow row, string fullName) => new()
    {
        ["CoworkerContractId"] = row.ContractId,
        ["ContractContactType"] = row.ContactType,
        ["FullName"] = fullName,
        ["AmlCheckStatus"] = 2,
    };

    private static async Task<(int Created, int Linked, int Updated, int Removed, int Rejected)> LastRunAsync(ExactlyOnceRig rig)
    {
        await using var command = rig.DataSource.CreateCommand(
            "select created, linked, updated, removed, rejected from sync_runs order by started_at desc limit 1");
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4));
    }

    /// <summary>Every record's state, as one string: a dry run must leave it exactly as it was.</summary>
    private static async Task<string> LedgerAsync(ExactlyOnceRig rig)
    {
        await using var command = rig.DataSource.CreateCommand(
            "select coalesce(string_agg(source_id || ':' || status || ':' || coalesce(nexudus_id::text, '') || ':' || version::text, ',' order by source_id), '') from sync_records");
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
