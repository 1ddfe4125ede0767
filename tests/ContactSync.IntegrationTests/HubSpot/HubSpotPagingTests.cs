using System.Net.Http.Json;
using ContactSync.IntegrationTests.ExactlyOnce;
using ContactSync.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace ContactSync.IntegrationTests.HubSpot;

/// <summary>The CRM's paged reads against a CRM that pages wrongly or changes under them, over HTTP.</summary>
[Collection(SourcesPostgresCollectionDefinition.Name)]
public sealed class HubSpotPagingTests(PostgresServer postgres, ITestOutputHelper output)
{
    [Fact]
    public async Task Ends_a_complete_read_when_HubSpot_repeats_its_first_page_removing_nothing()
    {
        await using var rig = await CrmRig.StartAsync(postgres, output);
        var environment = rig.Environment();
        await rig.SyncOnceAsync(environment);
        var before = await rig.RecordsAsync();
        await rig.CompleteReadIsDueAsync();
        var calls = await rig.CrmCallsAsync();

        await RepeatFirstPageAsync(rig, "GET", "/crm/v3/objects/contacts");
        var run = await rig.SyncOnceAsync(environment);

        var after = await rig.CrmCallsAsync();
        // The first page three times, each with its associations (the same page twice more ends the read), and its
        // companies once.
        Assert.Equal(3 + 3 + 1, after.Values.Sum() - calls.Values.Sum());
        await AssertStoppedAsync(rig, run);
        Assert.Equal(0, ExactlyOnceRig.Count(run.StandardOutput, "Removed"));
        Assert.Equal(
            before.Where(record => record.Value.Status == "synced").Select(record => record.Key).Order(),
            (await rig.RecordsAsync()).Where(record => record.Value.Status == "synced").Select(record => record.Key).Order());
    }

    [Fact]
    public async Task Ends_an_incremental_read_when_HubSpot_repeats_its_first_page()
    {
        await using var rig = await CrmRig.StartAsync(postgres, output);
        var environment = rig.Environment();
        await rig.SyncOnceAsync(environment);
        // More changed contacts than a page (5) holds, so the search has a next page to ask for.
        var at = TimeProvider.System.GetUtcNow();
        foreach (var (contact, n) in Enumerable.Range(1, 12).Select(n => ($"{100_000 + (n * 10)}", n)))
        {
            await rig.PatchContactAsync(contact, new { phone = "+44 20 7946 7777" }, at.AddSeconds(n));
        }

        var calls = await rig.CrmCallsAsync();
        await RepeatFirstPageAsync(rig, "POST", "/crm/v3/objects/contacts/search");
        var run = await rig.SyncOnceAsync(environment);

        var after = await rig.CrmCallsAsync();
        // Four searches, and the first page's associations and companies once: the repeats bring no contact to read.
        Assert.Equal(4 + 1 + 1, after.Values.Sum() - calls.Values.Sum());
        // The first page; the same again from its last date, which a whole page at one date turns into a read of that
        // date by id; then twice more with nothing new, which ends the read.
        Assert.Equal(4, after.GetValueOrDefault("search") - calls.GetValueOrDefault("search"));
        await AssertStoppedAsync(rig, run);
        Assert.Equal(0, ExactlyOnceRig.Count(run.StandardOutput, "Removed"));
    }

    [Fact]
    public async Task A_contact_edited_while_an_incremental_read_pages_does_not_push_another_out_of_the_read()
    {
        await using var rig = await CrmRig.StartAsync(postgres, output);
        var environment = rig.Environment("Upsert");
        await rig.SyncOnceAsync(environment);
        var before = await rig.RecordsAsync();

        // Twelve contacts changed one after the other (five a page); the first is edited again once the first page is
        // served, which moves it to the end of the modified-date sort and every later contact one place back: an offset
        // read would skip the sixth, so those with synced records come first.
        string[] contacts = [.. Enumerable.Range(1, 12).Select(n => $"{100_000 + (n * 10)}")
            .OrderBy(contact => before.Any(record => record.Value.Status == "synced" && record.Key.StartsWith(contact + "/", StringComparison.Ordinal)) ? 0 : 1)];
        var at = TimeProvider.System.GetUtcNow();
        for (var i = 0; i < contacts.Length; i++)
        {
            await rig.PatchContactAsync(contacts[i], new { phone = "+44 20 7946 6666" }, at.AddSeconds(i + 1));
        }

        using (var edit = await rig.Sandbox.Client.PostAsJsonAsync($"_sandbox/hubspot/contacts/{contacts[0]}/edit-after-searches", new { searches = 1, at = at.AddSeconds(60) }))
        {
            Assert.True(edit.IsSuccessStatusCode, $"edit-after-searches: {(int)edit.StatusCode}");
        }

        var run = await rig.SyncOnceAsync(environment);

        var changed = before.Where(record => record.Value.Status == "synced" && contacts.Contains(record.Key.Split('/')[0])).Select(record => record.Key).ToList();
        var synced = contacts.Count(contact => changed.Any(key => key.StartsWith(contact + "/", StringComparison.Ordinal)));
        // The seed's: 9 of the 12 have synced records, so the sixth, the one an offset read skips, is one of them.
        Assert.Equal(9, synced);
        // Every changed contact was read in this run: each is one update, none left for the daily complete read.
        Assert.Equal(changed.Count, ExactlyOnceRig.Count(run.StandardOutput, "Updated"));
        var records = await rig.RecordsAsync();
        Assert.All(changed, key => Assert.Equal("synced", records[key].Status));
    }

    private static async Task RepeatFirstPageAsync(CrmRig rig, string method, string path)
    {
        using var response = await rig.Sandbox.Client.PostAsJsonAsync("_sandbox/faults/next", new { Kind = "RepeatFirstPage", Count = 10_000, Method = method, Path = path });
        response.EnsureSuccessStatusCode();
    }

    private static async Task AssertStoppedAsync(CrmRig rig, ProcessResult run)
    {
        Assert.Contains("HubSpot returned the same page twice", run.StandardOutput + run.StandardError, StringComparison.Ordinal);
        await using var command = rig.DataSource.CreateCommand(
            "select status, abort_reason, error from sync_runs where source = @source order by started_at desc limit 1");
        command.Parameters.AddWithValue("source", CrmRig.Crm);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(("aborted", "source_unavailable"), (reader.GetString(0), reader.GetString(1)));
        Assert.Contains("HubSpot returned the same page twice", reader.GetString(2), StringComparison.Ordinal);
    }
}
