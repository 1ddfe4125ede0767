using ContactSync.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace ContactSync.IntegrationTests.ExactlyOnce;

/// <summary>
/// After a lost answer a record adopts the contact its own create made, and nothing else: not a contact a person typed
/// in with the same name, not one another record holds; and what the source says meanwhile still reaches Nexudus.
/// </summary>
[Collection(PostgresCollectionDefinition.Name)]
public sealed class InDoubtAdoptionTests(PostgresServer postgres, ITestOutputHelper output)
{
    private const string ContactsPath = "/api/billing/contractcontacts";

    [Fact]
    public async Task A_lost_answer_adopts_the_records_own_create_never_a_same_named_contact_of_somebody_else()
    {
        await using var rig = await ExactlyOnceRig.StartAsync("foreign-twins", postgres, output, records: 90);

        // Reception typed in a contact with the name and type of every row. A person's twin carries another email or
        // another date of birth, so it is somebody else; a company alias's twin is that alias, and the row is linked
        // to it before anything is created.
        foreach (var (row, i) in rig.Source.Valid.Select((row, i) => (row, i)))
        {
            if (row.Email is null)
            {
                await rig.PlantForeignContactAsync(row, sameContact: true);
                continue;
            }

            await rig.PlantForeignContactAsync(row, body => i % 2 == 0
                ? new(body) { ["Email"] = "reception@example.com" }
                : new(body) { ["Email"] = row.Email, ["DateOfBirth"] = "1901-01-01T00:00:00" });
        }

        // A third of the creates are stored but their answers lost.
        await rig.SetFaultsAsync(new SandboxFaults { Seed = rig.Seed, CommitThenDropRate = 0.3 });
        var runs = await rig.RunUntilCompleteAsync(maxRuns: 4);

        var adopted = await AdoptedAsync(rig);
        rig.Log($"{rig.ForeignContacts.Count} look-alikes typed in beforehand, {rig.ExpectedLinks.Count} of them the row's own; {adopted} creates adopted after their answers were lost, in {runs} runs");
        Assert.True(adopted >= 5, $"Expected lost answers to be adopted, saw {adopted} {rig.Replay}");
        var report = await ExactlyOnceAssert.HoldsAsync(rig);
        Assert.Equal(0, report.Duplicates);
    }

    [Fact]
    public async Task A_source_edit_made_while_a_create_was_in_doubt_reaches_Nexudus_without_a_second_contact()
    {
        await using var rig = await ExactlyOnceRig.StartAsync("edited-in-doubt", postgres, output, records: 12);
        var valid = rig.Source.Rows.Select((row, index) => (row, index)).Where(pair => pair.row.IsValid).ToList();

        // The creates land but their answers are lost, and the look-up that would settle them fails too: the run
        // stops with every record in doubt. The read that matches before the first create is answered.
        await rig.QueueCreateFaultsAsync("CommitThenDrop", count: 1000);
        await rig.QueueFaultsAsync("Pass", count: 1, "GET", ContactsPath);
        await rig.QueueFaultsAsync("Error503", count: 1000, "GET", ContactsPath);
        var interrupted = await rig.RunSyncOnceAsync();
        await rig.ClearScriptedFaultsAsync();
        Assert.Contains("Outcome: aborted", ExactlyOnceRig.Summary(interrupted.StandardOutput), StringComparison.Ordinal);

        // Meanwhile the source moves on: one person in doubt is renamed, another gets a new email.
        var inDoubt = await InDoubtAsync(rig);
        Assert.True(inDoubt.Count >= 2, $"Expected creates in doubt, found {inDoubt.Count} {rig.Replay}");
        var renamedAt = valid.Single(pair => pair.row.SourceId == inDoubt[0]).index;
        var movedAt = valid.Single(pair => pair.row.SourceId == inDoubt[1]).index;
        rig.Source.Edit(renamedAt, row => row with { FullName = row.FullName + " Junior" });
        rig.Source.Edit(movedAt, row => row with { Email = row.Email is null ? "moved@example.com" : "moved." + row.Email });
        await rig.Source.WriteAsync(rig.CsvPath);
        var (renamed, moved) = (rig.Source.Rows[renamedAt], rig.Source.Rows[movedAt]);

        await rig.RunUntilCompleteAsync(maxRuns: 3);

        rig.Log($"{renamed.SourceId} renamed and {moved.SourceId} given a new email while their creates were in doubt");
        var report = await ExactlyOnceAssert.HoldsAsync(rig);
        Assert.Equal(0, report.Duplicates);
        Assert.Equal(valid.Count, (await rig.Sandbox.GetStatsAsync()).Count(ExactlyOnceRig.ContactsRoute));
    }

    private static async Task<long> AdoptedAsync(ExactlyOnceRig rig)
    {
        await using var command = rig.DataSource.CreateCommand("select coalesce(sum(adopted), 0) from sync_runs");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<List<string>> InDoubtAsync(ExactlyOnceRig rig)
    {
        await using var command = rig.DataSource.CreateCommand("select source_id from sync_records where in_doubt order by source_id");
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }
}
