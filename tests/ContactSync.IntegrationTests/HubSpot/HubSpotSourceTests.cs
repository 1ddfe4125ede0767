using System.Net.Http.Json;
using ContactSync.IntegrationTests.ExactlyOnce;
using ContactSync.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace ContactSync.IntegrationTests.HubSpot;

/// <summary>HubSpot CRM as a source, end to end over HTTP against the Sandbox's CRM and Nexudus.</summary>
[Collection(SourcesPostgresCollectionDefinition.Name)]
public sealed class HubSpotSourceTests(PostgresServer postgres, ITestOutputHelper output)
{
    [Fact]
    public async Task Contacts_sharing_one_modified_time_across_a_page_and_past_the_search_cap_are_all_read_once()
    {
        // A query pages through 12 results at most: 15 contacts modified in the same millisecond outrun it.
        await using var rig = await CrmRig.StartAsync(postgres, output, "--hubspot-search-cap", "12");
        var environment = rig.Environment("Upsert");
        environment["ContactSync__Sources__0__SearchResultLimit"] = "12";
        await rig.SyncOnceAsync(environment);
        var before = await rig.RecordsAsync();

        string[] contacts = [.. Enumerable.Range(1, 12).Select(n => $"{100_000 + (n * 10)}"), "100031", "100061", "100091"];
        var at = TimeProvider.System.GetUtcNow();
        foreach (var contact in contacts)
        {
            await rig.PatchContactAsync(contact, new { phone = "+44 20 7946 5555" }, at);
        }

        var run = await rig.SyncOnceAsync(environment);

        var expected = before.Count(record => record.Value.Status == "synced" && contacts.Contains(record.Key.Split('/')[0]));
        // The seed's: 13 synced records among the 15 contacts' (some have two roles, some none or a rejected one).
        Assert.Equal(13, expected);
        Assert.Equal(expected, ExactlyOnceRig.Count(run.StandardOutput, "Updated"));
        Assert.Equal(0, ExactlyOnceRig.Count(run.StandardOutput, "Created"));
        // The first query, one from the shared time, then that time by id in three queries (five a page), then past it.
        Assert.Equal(6, (await rig.CrmCallsAsync()).GetValueOrDefault("search"));
    }

    [Fact]
    public async Task A_label_added_later_and_an_archived_contact_are_caught_by_the_complete_read_not_by_search()
    {
        await using var rig = await CrmRig.StartAsync(postgres, output);
        var environment = rig.Environment();
        await rig.SyncOnceAsync(environment);
        const string archived = "100050/2000005/nominated-recipient";
        var contact = (await rig.RecordsAsync())[archived].NexudusId!.Value;

        // A label changes no modified date; an archived contact leaves search.
        await rig.LabelAsync("100082", 8, 1, 279, 5);
        await rig.ArchiveAsync("100050");
        var incremental = await rig.SyncOnceAsync(environment);
        Assert.Equal(0, ExactlyOnceRig.Count(incremental.StandardOutput, "Created"));
        Assert.Equal(0, ExactlyOnceRig.Count(incremental.StandardOutput, "Removed"));
        Assert.DoesNotContain("100082/2000008/director", (await rig.RecordsAsync()).Keys);
        Assert.NotNull(await rig.ContactAsync(contact));

        await rig.CompleteReadIsDueAsync();
        var complete = await rig.SyncOnceAsync(environment);

        Assert.Equal(1, ExactlyOnceRig.Count(complete.StandardOutput, "Created"));
        Assert.Equal(1, ExactlyOnceRig.Count(complete.StandardOutput, "Removed"));
        var records = await rig.RecordsAsync();
        Assert.Equal("synced", records["100082/2000008/director"].Status);
        Assert.Equal("removed", records[archived].Status);
        Assert.Null(await rig.ContactAsync(contact));
    }

    [Fact]
    public async Task Roles_from_a_multi_select_property_give_one_contact_per_role_and_none_for_a_contact_without_one()
    {
        await using var rig = await CrmRig.StartAsync(postgres, output);
        await rig.SyncOnceAsync(rig.Environment(byProperty: true));

        var records = await rig.RecordsAsync();
        var (director, recipient) = (records["100031/2000003/director"], records["100031/2000003/nominated-recipient"]);
        Assert.Equal("synced", director.Status);
        Assert.Equal("synced", recipient.Status);
        Assert.NotEqual(director.NexudusId, recipient.NexudusId);
        Assert.DoesNotContain(records.Keys, key => key.StartsWith("100042/", StringComparison.Ordinal));
        Assert.Equal(22, records.Count);
    }

    [Fact]
    public async Task HubSpots_daily_limit_ends_the_run_as_budget_exhausted_and_later_runs_do_not_call_before_the_reset()
    {
        await using var rig = await CrmRig.StartAsync(postgres, output, "--hubspot-daily-limit", "4");
        var environment = rig.Environment();

        var first = await rig.SyncOnceAsync(environment);
        var calls = await rig.CrmCallsAsync();

        Assert.Equal(3, first.ExitCode);
        Assert.Contains("Outcome:   budget_exhausted", first.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("daily API limit", first.StandardOutput, StringComparison.Ordinal);
        // The refused call is not retried: four served, one refused.
        Assert.Equal(5, calls.Values.Sum());

        var second = await rig.SyncOnceAsync(environment);
        Assert.Equal(3, second.ExitCode);
        Assert.Equal(calls.Values.Sum(), (await rig.CrmCallsAsync()).Values.Sum());
    }

    [Fact]
    public async Task The_same_person_from_the_register_and_the_CRM_is_one_contact_and_stays_while_either_source_has_them()
    {
        await using var rig = await CrmRig.StartAsync(postgres, output);
        var environment = rig.Environment(withRegister: true);
        await rig.SyncOnceAsync(environment, CrmRig.Register);
        var cruz = (await rig.Sandbox.GetContactsAsync()).EnumerateArray()
            .Where(contact => contact.GetProperty("FullName").GetString()!.Contains("Cruz", StringComparison.OrdinalIgnoreCase))
            .Select(contact => contact.GetProperty("Id").GetInt32())
            .ToList();
        var stats = await rig.Sandbox.GetStatsAsync();

        var crm = await rig.SyncOnceAsync(environment);

        // The CRM's Maria de la Cruz of company 1 holds the register's contact for her: one contact, two records.
        var shared = (await rig.RecordsAsync())["100013/2000001/director"];
        Assert.Equal("synced", shared.Status);
        Assert.Contains(shared.NexudusId!.Value, cruz);
        var maria = (await rig.RecordsAsync(CrmRig.Register)).Single(record => record.Value.NexudusId == shared.NexudusId);
        // The register is listed first, so it writes her fields; the CRM's record says so.
        Assert.Contains("register", shared.Reason ?? "", StringComparison.Ordinal);
        var creates = (await rig.Sandbox.GetStatsAsync()).Since(stats).Creates;
        Assert.Equal(ExactlyOnceRig.Count(crm.StandardOutput, "Created"), creates);
        // Only she was placed by the register already.
        Assert.Equal(1, ExactlyOnceRig.Count(crm.StandardOutput, "Linked"));

        // Gone from the CRM: the register still has her, so the contact stays.
        await rig.ArchiveAsync("100013");
        await rig.CompleteReadIsDueAsync();
        await rig.SyncOnceAsync(environment);
        Assert.Equal("removed", (await rig.RecordsAsync())["100013/2000001/director"].Status);
        Assert.NotNull(await rig.ContactAsync(maria.Value.NexudusId!.Value));
        Assert.Equal(maria.Value.NexudusId, (await rig.RecordsAsync(CrmRig.Register))[maria.Key].NexudusId);
    }

    [Fact]
    public async Task With_the_CRM_ranked_first_the_shared_contact_takes_the_CRMs_fields_and_the_register_no_longer_writes_it()
    {
        await using var rig = await CrmRig.StartAsync(postgres, output);
        var environment = rig.Environment("Upsert", withRegister: true);
        environment["ContactSync__Sources__1__Priority"] = "10";
        await rig.SyncOnceAsync(environment, CrmRig.Register);

        await rig.SyncOnceAsync(environment);

        var shared = (await rig.RecordsAsync())["100013/2000001/director"];
        Assert.Equal("synced", shared.Status);
        var contact = (await rig.ContactAsync(shared.NexudusId!.Value))!.Value;
        Assert.Equal("contact7@company1.example", contact.GetProperty("Email").GetString());
        Assert.Equal("Maria de la Cruz", contact.GetProperty("FullName").GetString());

        // The register's next change to her is not written: the CRM writes this contact.
        var register = (await rig.RecordsAsync(CrmRig.Register)).Single(record => record.Value.NexudusId == shared.NexudusId);
        using (var moved = await rig.Sandbox.Client.PutAsJsonAsync(
                   $"_sandbox/register/companies/01000001/officers/{register.Key}/address",
                   new { premises = "1", addressLine1 = "Quay Street", locality = "Bristol", postalCode = "BS1 4DJ", country = "England" }))
        {
            moved.EnsureSuccessStatusCode();
        }

        var stats = await rig.Sandbox.GetStatsAsync();
        await rig.SyncOnceAsync(environment, CrmRig.Register);
        Assert.Equal(0, await rig.WritesSinceAsync(stats));
        Assert.Contains("which ranks first", (await rig.RecordsAsync(CrmRig.Register))[register.Key].Reason ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_sources_placing_the_same_person_at_once_create_one_contact()
    {
        await using var rig = await CrmRig.StartAsync(postgres, output);
        var environment = rig.Environment("Upsert", withRegister: true);

        // Both first loads at once. Whichever places Maria de la Cruz second shares the contact, or, when both claimed
        // her at the same moment, one or both wait; a later run of each then creates her once and shares her.
        await Task.WhenAll(rig.SyncOnceAsync(environment, CrmRig.Register), rig.SyncOnceAsync(environment));
        await rig.SyncOnceAsync(environment);
        await rig.SyncOnceAsync(environment, CrmRig.Register);

        var shared = (await rig.RecordsAsync())["100013/2000001/director"];
        Assert.Equal("synced", shared.Status);
        var contract = (await rig.ContactAsync(shared.NexudusId!.Value))!.Value.GetProperty("CoworkerContractId").GetInt32();
        var marias = (await rig.Sandbox.GetContactsAsync()).EnumerateArray()
            .Where(contact => contact.GetProperty("CoworkerContractId").GetInt32() == contract
                              && contact.GetProperty("FullName").GetString()!.Contains("Cruz", StringComparison.OrdinalIgnoreCase))
            .ToList();
        Assert.Single(marias);
        Assert.Contains((await rig.RecordsAsync(CrmRig.Register)).Values, record => record.NexudusId == shared.NexudusId);
    }

    [Fact]
    public async Task A_change_whose_write_failed_is_tried_again_by_the_next_incremental_run_though_search_no_longer_returns_it()
    {
        await using var rig = await CrmRig.StartAsync(postgres, output);
        var environment = rig.Environment("Upsert");
        environment["ContactSync__Sources__0__Overlap"] = "00:00:00";
        environment["Nexudus__RetryBaseDelay"] = "00:00:00.050";
        environment["Nexudus__MaxRetryDelay"] = "00:00:00.100";
        await rig.SyncOnceAsync(environment);
        var start = TimeProvider.System.GetUtcNow();

        // Nexudus refuses every update while the run that reads the changes pushes them; 100090's, the later, becomes
        // the watermark.
        await rig.PatchContactAsync("100031", new { phone = "+44 161 496 0031" }, start);
        await rig.PatchContactAsync("100090", new { phone = "+44 161 496 0090" }, start.AddSeconds(2));
        using (var faults = await rig.Sandbox.Client.PostAsJsonAsync(
                   "_sandbox/faults/next", new { Kind = "Error503", Count = 100, Method = "PUT", Path = "/api/billing/contractcontacts" }))
        {
            faults.EnsureSuccessStatusCode();
        }

        var failing = await rig.SyncOnceAsync(environment);
        Assert.Equal(0, ExactlyOnceRig.Count(failing.StandardOutput, "Updated"));
        using (var cleared = await rig.Sandbox.Client.DeleteAsync("_sandbox/faults/next"))
        {
            cleared.EnsureSuccessStatusCode();
        }

        // The next run's search starts at 100090's change: 100031 is not among what it returns, but its failed writes come along.
        await rig.PatchContactAsync("100060", new { phone = "+44 161 496 0060" }, start.AddSeconds(5));
        var next = await rig.SyncOnceAsync(environment);

        Assert.Contains("read 2 contacts from HubSpot (incremental read)", next.Output, StringComparison.Ordinal);
        Assert.Equal(4, ExactlyOnceRig.Count(next.StandardOutput, "Updated"));
        var records = await rig.RecordsAsync();
        foreach (var key in new[] { "100031/2000003/director", "100031/2000003/nominated-recipient" })
        {
            Assert.Equal("synced", records[key].Status);
            Assert.Equal("+44 161 496 0031", (await rig.ContactAsync(records[key].NexudusId!.Value))!.Value.GetProperty("PhoneNumber").GetString());
        }
    }
}
