using System.Text.Json;
using ContactSync.IntegrationTests.ExactlyOnce;
using ContactSync.IntegrationTests.Infrastructure;
using Xunit.Abstractions;
using static ContactSync.IntegrationTests.Infrastructure.ContactJson;

namespace ContactSync.IntegrationTests.KeepInStep;

/// <summary>
/// Keeping Nexudus right over years without destroying what ContactSync does not own: an update changes only the fields
/// ContactSync maps, an edit made in Nexudus is noticed under either conflict policy, and Mirror removes only what it
/// created, never more than its limits allow without an operator, and nothing after a source read that failed.
/// </summary>
[Collection(PostgresCollectionDefinition.Name)]
public sealed class SyncModeTests(PostgresServer postgres, ITestOutputHelper output)
{
    private const string ById = "GET /api/billing/contractcontacts/{id}";
    private const string List = "GET /api/billing/contractcontacts";
    private const string Put = "PUT /api/billing/contractcontacts";
    private const string Delete = "DELETE /api/billing/contractcontacts/{id}";

    [Fact]
    public async Task Upsert_changes_a_moved_address_with_one_GET_and_one_PUT_and_leaves_AML_results_and_the_coworker_alone()
    {
        await using var rig = await ExactlyOnceRig.StartAsync("upsert-address", postgres, output, records: 20, invalidShare: 0);
        var found = rig.Source.Rows[0];
        var created = rig.Source.Rows[1];
        await rig.SeedForeignContactsAsync([(found, new Dictionary<string, object?>
        {
            ["CoworkerContractId"] = found.ContractId,
            ["ContractContactType"] = found.ContactType,
            ["FullName"] = found.FullName.ToUpperInvariant(),
            ["CoworkerId"] = 500 + (found.ContractId - 1000),
            ["AmlCheckStatus"] = 2,
            ["AmlCheckDate"] = "2026-03-02T09:30:00Z",
            ["AmlNotes"] = "Cleared: no sanctions match",
        }, true)]);
        await rig.RunSyncOnceAsync();
        var foundId = rig.ExpectedLinks[found.SourceId];
        var createdId = await rig.NexudusIdAsync(created.SourceId);
        var before = await rig.ContactAsync(foundId);

        rig.Source.Edit(0, row => row with { City = "Leeds" });
        rig.Source.Edit(1, row => row with { City = "York" });
        await rig.Source.WriteAsync(rig.CsvPath);
        var stats = await rig.Sandbox.GetStatsAsync();
        var second = await rig.RunSyncOnceAsync();
        var calls = (await rig.Sandbox.GetStatsAsync()).Since(stats);

        rig.Log($"second run exit {second.ExitCode}: {calls.Describe()}");
        Assert.Equal(0, second.ExitCode);
        Assert.Equal((2, 2, 0, 0), (calls.Count(ById), calls.Count(Put), calls.Creates, calls.Count(List)));
        var after = await rig.ContactAsync(foundId);
        Assert.Equal("Leeds", Text(after, "CityName"));
        Assert.Equal("York", Text(await rig.ContactAsync(createdId), "CityName"));
        foreach (var field in new[] { "AmlCheckStatus", "AmlCheckDate", "AmlNotes", "CoworkerId" })
        {
            Assert.Equal(Text(before, field), Text(after, field));
        }

        Assert.Equal("2", Text(after, "AmlCheckStatus"));
    }

    [Fact]
    public async Task CreateOnly_creates_new_people_and_never_changes_a_contact_that_exists()
    {
        await using var rig = await ExactlyOnceRig.StartAsync("create-only", postgres, output, records: 10, invalidShare: 0);
        var environment = new Dictionary<string, string>(rig.WorkerEnvironment()) { ["ContactSync__Sources__0__Mode"] = "CreateOnly" };
        await rig.RunSyncOnceAsync(environment);

        rig.Source.Edit(0, row => row with { City = "Leeds" });
        await rig.Source.WriteAsync(rig.CsvPath);
        var stats = await rig.Sandbox.GetStatsAsync();
        var second = await rig.RunSyncOnceAsync(environment);
        var calls = (await rig.Sandbox.GetStatsAsync()).Since(stats);

        Assert.Equal((0, 0), (second.ExitCode, calls.Calls));
        Assert.Equal("London", Text(await rig.ContactAsync(await rig.NexudusIdAsync(rig.Source.Rows[0].SourceId)), "CityName"));
    }

    [Theory]
    [InlineData("SourceWins")]
    [InlineData("NexudusWins")]
    public async Task An_edit_made_in_Nexudus_since_ContactSync_wrote_the_contact_is_noticed(string policy)
    {
        await using var rig = await ExactlyOnceRig.StartAsync($"conflict-{policy}", postgres, output, records: 10, invalidShare: 0);
        var environment = new Dictionary<string, string>(rig.WorkerEnvironment()) { ["ContactSync__Sources__0__Conflicts"] = policy };
        await rig.RunSyncOnceAsync(environment);
        var row = rig.Source.Rows[0];
        var id = await rig.NexudusIdAsync(row.SourceId);

        // Reception corrects the phone number in Nexudus; then the source moves the person to Leeds.
        await rig.EditInNexudusAsync(id, contact => contact["PhoneNumber"] = "+44 113 496 0000");
        rig.Source.Edit(0, r => r with { City = "Leeds" });
        await rig.Source.WriteAsync(rig.CsvPath);
        var stats = await rig.Sandbox.GetStatsAsync();
        var second = await rig.RunSyncOnceAsync(environment);
        var calls = (await rig.Sandbox.GetStatsAsync()).Since(stats);
        var contact = await rig.ContactAsync(id);
        var (status, conflict) = await ConflictAsync(rig, row.SourceId);
        rig.Log($"{policy}: exit {second.ExitCode}, {calls.Describe()}; ledger {status}: {conflict}");

        Assert.Contains("PhoneNumber", conflict, StringComparison.Ordinal);
        Assert.DoesNotContain("+44", conflict, StringComparison.Ordinal);
        Assert.Equal(1, await RunCountAsync(rig, "conflicts"));
        if (policy == "SourceWins")
        {
            Assert.Equal(("synced", 1, "Leeds", row.Phone), (status, calls.Count(Put), Text(contact, "CityName"), Text(contact, "PhoneNumber")));
            return;
        }

        Assert.Equal(("conflict", 0, "London", "+44 113 496 0000"), (status, calls.Count(Put), Text(contact, "CityName"), Text(contact, "PhoneNumber")));
        Assert.Equal(1, second.ExitCode);

        // Kept for an operator: the next run, with nothing new from the source, does not look again.
        var settled = await rig.Sandbox.GetStatsAsync();
        await rig.RunSyncOnceAsync(environment);
        Assert.Equal(0, (await rig.Sandbox.GetStatsAsync()).Since(settled).Calls);
        Assert.Equal("conflict", (await ConflictAsync(rig, row.SourceId)).Status);
    }

    [Fact]
    public async Task Mirror_removes_only_the_contacts_it_created_and_holds_a_mass_removal_for_an_operator()
    {
        await using var rig = await ExactlyOnceRig.StartAsync("mirror", postgres, output, records: 40, invalidShare: 0);
        var environment = new Dictionary<string, string>(rig.WorkerEnvironment())
        {
            ["ContactSync__Sources__0__Mode"] = "Mirror",
            ["ContactSync__Sources__0__MaxRemovals"] = "5",
        };
        var rows = rig.Source.Rows.ToList();
        await rig.SeedForeignContactsAsync([.. rows.Take(2).Select(row => (row, new Dictionary<string, object?>
        {
            ["CoworkerContractId"] = row.ContractId, ["ContractContactType"] = row.ContactType, ["FullName"] = row.FullName, ["AmlCheckStatus"] = 2,
        }, true))]);
        await rig.RunSyncOnceAsync(environment);
        Assert.Equal(40, await rig.Sandbox.CountContactsAsync());

        // Five people the source created and one it found leave the source: exactly five DELETEs.
        rig.Source.Drop([.. rows.Skip(10).Take(5).Select(row => row.SourceId), rows[0].SourceId]);
        await rig.Source.WriteAsync(rig.CsvPath);
        var stats = await rig.Sandbox.GetStatsAsync();
        var second = await rig.RunSyncOnceAsync(environment);
        var calls = (await rig.Sandbox.GetStatsAsync()).Since(stats);
        rig.Log($"five dropped: exit {second.ExitCode}, {calls.Describe()}");
        Assert.Equal((0, 5), (second.ExitCode, calls.Count(Delete)));
        Assert.Equal(35, await rig.Sandbox.CountContactsAsync());
        Assert.Equal(5, await rig.CountWithStatusAsync("removed"));
        Assert.Equal(5, await RunCountAsync(rig, "removed"));
        await rig.ContactAsync(rig.ExpectedLinks[rows[0].SourceId]);

        // A source read that fails half way removes nothing.
        var whole = await File.ReadAllTextAsync(rig.CsvPath);
        await File.WriteAllTextAsync(rig.CsvPath, whole[..(whole.Length / 2)]);
        stats = await rig.Sandbox.GetStatsAsync();
        var broken = await rig.RunSyncOnceAsync(environment);
        // Incomplete: the run is aborted, the source not read whole.
        Assert.Equal(1, broken.ExitCode);
        Assert.Equal(0, (await rig.Sandbox.GetStatsAsync()).Since(stats).Count(Delete));

        // Half the source gone at once: nothing removed, the run held, until an operator confirms.
        rig.Source.Drop([.. rows.Skip(20).Select(row => row.SourceId)]);
        await rig.Source.WriteAsync(rig.CsvPath);
        stats = await rig.Sandbox.GetStatsAsync();
        var held = await rig.RunSyncOnceAsync(environment);
        Assert.Equal(5, held.ExitCode);
        Assert.Contains("Outcome:   held", held.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(0, (await rig.Sandbox.GetStatsAsync()).Since(stats).Count(Delete));
        Assert.Equal("held", await LastRunStatusAsync(rig));

        var confirmed = await rig.RunSyncOnceAsync(environment, "--confirm-removals");
        rig.Log($"confirmed: exit {confirmed.ExitCode}");
        Assert.Equal(0, confirmed.ExitCode);
        Assert.Equal(15, await rig.Sandbox.CountContactsAsync());
        Assert.Equal(25, await rig.CountWithStatusAsync("removed"));
    }


    private static async Task<(string Status, string Conflict)> ConflictAsync(ExactlyOnceRig rig, string sourceId)
    {
        await using var command = rig.DataSource.CreateCommand("select status, coalesce(last_conflict, '') from sync_records where source_id = @id");
        command.Parameters.AddWithValue("id", sourceId);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetString(0), reader.GetString(1));
    }

    private static async Task<int> RunCountAsync(ExactlyOnceRig rig, string column)
    {
        await using var command = rig.DataSource.CreateCommand($"select {column} from sync_runs where status not in ('skipped') order by started_at desc limit 1");
        return (int)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<string> LastRunStatusAsync(ExactlyOnceRig rig)
    {
        await using var command = rig.DataSource.CreateCommand("select status from sync_runs order by started_at desc limit 1");
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
