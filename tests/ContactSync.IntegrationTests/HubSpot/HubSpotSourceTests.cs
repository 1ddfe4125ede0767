using ContactSync.IntegrationTests.ExactlyOnce;
using ContactSync.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace ContactSync.IntegrationTests.HubSpot;

/// <summary>HubSpot CRM as a source, end to end over HTTP against the Sandbox's CRM and Nexudus.</summary>
[Collection(PostgresCollectionDefinition.Name)]
public sealed class HubSpotSourceTests(PostgresServer postgres, ITestOutputHelper output)
{
    [Fact]
    public async Task A_complete_read_pages_through_every_contact_then_a_second_run_searches_once_and_writes_nothing_and_a_change_is_one_update()
    {
        await using var rig = await CrmRig.StartAsync(postgres, output);
        var environment = rig.Environment();

        var first = await rig.SyncOnceAsync(environment);
        var calls = await rig.CrmCallsAsync();
        var records = await rig.RecordsAsync();
        // 21 seeded contacts, 5 a page: five pages of the contact list, and one association read per page.
        Assert.Equal(5, calls.GetValueOrDefault("list"));
        Assert.Equal(5, calls.GetValueOrDefault("associations"));
        Assert.Equal(0, calls.GetValueOrDefault("search"));
        Assert.Equal(22, records.Count);
        Assert.Contains("100031/2000003/director", records.Keys);
        Assert.Contains("100031/2000003/nominated-recipient", records.Keys);
        Assert.Equal(records.Count(record => record.Value.Status == "synced"), ExactlyOnceRig.Count(first.StandardOutput, "Created"));
        // A company on two contracts, one whose contract ended, and unreadable birth dates are rejected with their reasons.
        Assert.Contains(records.Values, record => record.Reason?.Contains("has two", StringComparison.Ordinal) == true);
        Assert.Contains(records.Values, record => record.Reason?.Contains("date_of_birth", StringComparison.Ordinal) == true);

        var stats = await rig.Sandbox.GetStatsAsync();
        var second = await rig.SyncOnceAsync(environment);
        var afterSecond = await rig.CrmCallsAsync();
        // An incremental run answers for what it read: nothing, so nothing rejected either (the earlier rejections stay in the ledger).
        Assert.Equal(0, second.ExitCode);
        Assert.Equal(1, afterSecond.GetValueOrDefault("search"));
        Assert.Equal(calls.GetValueOrDefault("list"), afterSecond.GetValueOrDefault("list"));
        Assert.Equal(calls.GetValueOrDefault("associations"), afterSecond.GetValueOrDefault("associations"));
        Assert.Equal(0, await rig.WritesSinceAsync(stats));

        await rig.PatchContactAsync("100031", new { phone = "+44 20 7946 1234" });
        var third = await rig.SyncOnceAsync(environment);
        var afterThird = await rig.CrmCallsAsync();
        Assert.Equal(2, afterThird.GetValueOrDefault("search"));
        Assert.Equal(calls.GetValueOrDefault("associations") + 1, afterThird.GetValueOrDefault("associations"));
        // One person with two roles on the company is two contacts: both get the new phone.
        Assert.Equal(2, ExactlyOnceRig.Count(third.StandardOutput, "Updated"));
        Assert.Equal(0, ExactlyOnceRig.Count(third.StandardOutput, "Created"));
    }

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
        Assert.True(expected >= 10, $"only {expected} of the contacts are synced");
        Assert.Equal(expected, ExactlyOnceRig.Count(run.StandardOutput, "Updated"));
        Assert.Equal(0, ExactlyOnceRig.Count(run.StandardOutput, "Created"));
        // The first query, one from the shared time, then that time by id in two queries, then past it.
        Assert.True((await rig.CrmCallsAsync()).GetValueOrDefault("search") >= 5);
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
        Assert.Contains("BudgetExhausted", first.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("daily API limit", first.StandardOutput, StringComparison.Ordinal);
        // The refused call is not retried: four served, one refused.
        Assert.Equal(5, calls.Values.Sum());

        var second = await rig.SyncOnceAsync(environment);
        Assert.Equal(3, second.ExitCode);
        Assert.Equal(calls.Values.Sum(), (await rig.CrmCallsAsync()).Values.Sum());
    }
}
