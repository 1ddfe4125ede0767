using System.Text.Json;
using ContactSync.IntegrationTests.ExactlyOnce;
using ContactSync.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace ContactSync.IntegrationTests.KeepInStep;

/// <summary>
/// People delete and edit contacts in Nexudus. The drift check notices both, with nothing changed in the source: a
/// deleted contact is created again in Upsert (shown only, in CreateOnly), an edit meets the conflict policy.
/// </summary>
[Collection(PostgresCollectionDefinition.Name)]
public sealed class DriftTests(PostgresServer postgres, ITestOutputHelper output)
{
    [Fact]
    public async Task A_contact_deleted_in_Nexudus_is_created_again_and_one_edited_there_is_put_right()
    {
        await using var rig = await ExactlyOnceRig.StartAsync("drift-upsert", postgres, output, records: 12, invalidShare: 0);
        var environment = Drift(rig, "Upsert");
        await rig.RunSyncOnceAsync(environment);
        var (deleted, edited) = (rig.Source.Rows[0], rig.Source.Rows[1]);
        var deletedId = await rig.NexudusIdAsync(deleted.SourceId);
        var editedId = await rig.NexudusIdAsync(edited.SourceId);
        await rig.DeleteInNexudusAsync(deletedId);
        await rig.EditInNexudusAsync(editedId, contact => contact["PhoneNumber"] = "+44 113 496 0000");

        var stats = await rig.Sandbox.GetStatsAsync();
        var second = await rig.RunSyncOnceAsync(environment);
        var calls = (await rig.Sandbox.GetStatsAsync()).Since(stats);
        rig.Log($"second run exit {second.ExitCode}: {calls.Describe()}");

        Assert.Equal(0, second.ExitCode);
        Assert.Equal((1, 1), (calls.Creates, calls.Count("PUT /api/billing/contractcontacts")));
        var recreatedId = await rig.NexudusIdAsync(deleted.SourceId);
        Assert.NotEqual(deletedId, recreatedId);
        Assert.Equal(deleted.FullName, (await rig.ContactAsync(recreatedId)).GetProperty("FullName").GetString());
        Assert.Equal(edited.Phone, (await rig.ContactAsync(editedId)).GetProperty("PhoneNumber").GetString());
        var report = await ExactlyOnceAssert.HoldsAsync(rig);
        Assert.Equal(0, report.Duplicates);
    }

    [Fact]
    public async Task CreateOnly_shows_a_contact_deleted_in_Nexudus_and_does_not_create_it_again()
    {
        await using var rig = await ExactlyOnceRig.StartAsync("drift-create-only", postgres, output, records: 6, invalidShare: 0);
        var environment = Drift(rig, "CreateOnly");
        await rig.RunSyncOnceAsync(environment);
        var deleted = rig.Source.Rows[0];
        await rig.DeleteInNexudusAsync(await rig.NexudusIdAsync(deleted.SourceId));

        var stats = await rig.Sandbox.GetStatsAsync();
        await rig.RunSyncOnceAsync(environment);
        await rig.RunSyncOnceAsync(environment);
        var calls = (await rig.Sandbox.GetStatsAsync()).Since(stats);

        Assert.Equal(0, calls.Creates);
        await using var command = rig.DataSource.CreateCommand("select status, last_error from sync_records where source_id = @id");
        command.Parameters.AddWithValue("id", deleted.SourceId);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal("gone", reader.GetString(0));
        Assert.Contains("Deleted in Nexudus", reader.GetString(1), StringComparison.Ordinal);
    }

    /// <summary>The rig's worker with a drift check on every run.</summary>
    private static Dictionary<string, string> Drift(ExactlyOnceRig rig, string mode) => new(rig.WorkerEnvironment())
    {
        ["ContactSync__Sources__0__Mode"] = mode,
        ["ContactSync__Sources__0__ReconcileEvery"] = "00:00:00",
    };
}
