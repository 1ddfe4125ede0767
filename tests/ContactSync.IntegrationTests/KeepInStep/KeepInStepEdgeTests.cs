using System.Text.Json;
using ContactSync.IntegrationTests.ExactlyOnce;
using ContactSync.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace ContactSync.IntegrationTests.KeepInStep;

/// <summary>
/// The edges of keeping Nexudus in step where a wrong step would destroy or duplicate: a row that cannot be read is
/// not a row that is gone; a contact deleted and typed in again is found, not duplicated; and the dry run agrees with
/// the run on held removals and on contacts left gone.
/// </summary>
[Collection(PostgresCollectionDefinition.Name)]
public sealed class KeepInStepEdgeTests(PostgresServer postgres, ITestOutputHelper output)
{
    [Fact]
    public async Task Mirror_removes_nothing_while_a_row_of_the_source_cannot_be_read()
    {
        await using var rig = await ExactlyOnceRig.StartAsync("mirror-unreadable", postgres, output, records: 40, invalidShare: 0);
        var environment = Mode(rig, "Mirror");
        await rig.RunSyncOnceAsync(environment);

        // A stray quote makes one row unreadable: it has no key, so it may be any record that seems gone.
        rig.Source.Edit(3, row => row with { Notes = "He said \"hi\" at reception" });
        await rig.Source.WriteAsync(rig.CsvPath);
        var stats = await rig.Sandbox.GetStatsAsync();
        var run = await rig.RunSyncOnceAsync(environment);

        Assert.Equal(5, run.ExitCode);
        Assert.Contains("could not be read by key", run.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(0, (await rig.Sandbox.GetStatsAsync()).Since(stats).Count("DELETE /api/billing/contractcontacts/{id}"));
        Assert.Equal("synced", await rig.StatusOfAsync(rig.Source.Rows[3].SourceId));
    }

    [Fact]
    public async Task A_contact_deleted_and_typed_in_again_is_linked_when_its_record_next_changes()
    {
        await using var rig = await ExactlyOnceRig.StartAsync("retyped", postgres, output, records: 6, invalidShare: 0);
        await rig.RunSyncOnceAsync();
        var row = rig.Source.Rows[0];
        await rig.DeleteInNexudusAsync(await rig.NexudusIdAsync(row.SourceId));
        var retyped = await rig.PlantForeignContactAsync(row, sameContact: true);
        rig.Source.Edit(0, r => r with { City = "Leeds" });
        await rig.Source.WriteAsync(rig.CsvPath);

        var stats = await rig.Sandbox.GetStatsAsync();
        await rig.RunSyncOnceAsync();
        var calls = (await rig.Sandbox.GetStatsAsync()).Since(stats);

        Assert.Equal(0, calls.Creates);
        Assert.Equal(retyped, await rig.NexudusIdAsync(row.SourceId));
        Assert.Single((await rig.Sandbox.GetContactsAsync()).EnumerateArray(),
            contact => contact.GetProperty("FullName").GetString() == row.FullName && contact.GetProperty("CoworkerContractId").GetInt32() == row.ContractId);
    }

    [Fact]
    public async Task The_dry_run_holds_removals_exactly_when_the_run_does_whatever_the_run_creates()
    {
        await using var rig = await ExactlyOnceRig.StartAsync("hold-agrees", postgres, output, records: 40, invalidShare: 0);
        var environment = new Dictionary<string, string>(Mode(rig, "Mirror"))
        {
            ["ContactSync__Sources__0__MaxRemovals"] = "1",
            ["ContactSync__Sources__0__MaxRemovalShare"] = "0.1",
        };
        await rig.Source.WriteAsync(rig.CsvPath, rows: 20);
        await rig.RunSyncOnceAsync(environment);

        // Three leave, twenty arrive: the run's own creates must not widen the share its removals are held to.
        rig.Source.Drop([.. rig.Source.Rows.Take(3).Select(row => row.SourceId)]);
        await rig.Source.WriteAsync(rig.CsvPath);
        var plan = JsonDocument.Parse((await rig.RunSyncOnceAsync(environment, "--dry-run", "--output", "json")).StandardOutput).RootElement;
        var run = await rig.RunSyncOnceAsync(environment);

        Assert.Equal((0, 3), (plan.GetProperty("removals").GetInt32(), plan.GetProperty("heldRemovals").GetInt32()));
        Assert.Equal(5, run.ExitCode);
        Assert.Equal(0, await rig.CountWithStatusAsync("removed"));
    }

    [Fact]
    public async Task The_dry_run_plans_no_create_for_a_contact_CreateOnly_leaves_gone()
    {
        await using var rig = await ExactlyOnceRig.StartAsync("gone-agrees", postgres, output, records: 6, invalidShare: 0);
        var environment = new Dictionary<string, string>(Mode(rig, "CreateOnly")) { ["ContactSync__Sources__0__ReconcileEvery"] = "00:00:00" };
        await rig.RunSyncOnceAsync(environment);
        var row = rig.Source.Rows[0];
        await rig.DeleteInNexudusAsync(await rig.NexudusIdAsync(row.SourceId));
        await rig.RunSyncOnceAsync(environment);
        Assert.Equal("gone", await rig.StatusOfAsync(row.SourceId));

        var plan = JsonDocument.Parse((await rig.RunSyncOnceAsync(environment, "--dry-run", "--output", "json")).StandardOutput).RootElement;
        var stats = await rig.Sandbox.GetStatsAsync();
        await rig.RunSyncOnceAsync(environment);

        Assert.Equal((0, 1), (plan.GetProperty("creates").GetInt32(), plan.GetProperty("rejections").GetInt32()));
        Assert.Equal(0, (await rig.Sandbox.GetStatsAsync()).Since(stats).Creates);
    }

    private static Dictionary<string, string> Mode(ExactlyOnceRig rig, string mode)
        => new(rig.WorkerEnvironment()) { ["ContactSync__Sources__0__Mode"] = mode };
}
