using System.Text;
using System.Text.Json;
using ContactSync.IntegrationTests.ExactlyOnce;
using ContactSync.IntegrationTests.Infrastructure;
using Xunit.Abstractions;
using static ContactSync.IntegrationTests.Infrastructure.ContactJson;

namespace ContactSync.IntegrationTests.KeepInStep;

/// <summary>
/// A field the source does not supply, or leaves empty, is Nexudus's: an update changes only what the source owns, on
/// contacts ContactSync created and on contacts staff typed in that it only linked, under either conflict policy; and
/// the operator's settings (EmptyValues, Fields) do what they say.
/// </summary>
[Collection(PostgresCollectionDefinition.Name)]
public sealed class FieldOwnershipTests(PostgresServer postgres, ITestOutputHelper output)
{
    private const int Contract = 1001;
    private const string Put = "PUT /api/billing/contractcontacts";

    [Theory]
    [InlineData("SourceWins")]
    [InlineData("NexudusWins")]
    public async Task An_address_change_keeps_the_phone_and_date_of_birth_staff_entered_on_created_and_linked_contacts(string conflicts)
    {
        await using var rig = await ExactlyOnceRig.StartAsync($"own-{conflicts}", postgres, output, records: 1, invalidShare: 0);
        var environment = new Dictionary<string, string>(rig.WorkerEnvironment()) { ["ContactSync__Sources__0__Conflicts"] = conflicts };
        var linkedId = await rig.PlantForeignContactAsync(Row("Beatrice Typed-In"));

        // A CSV with name and address columns only: no phone, no date of birth, no email.
        await WriteCsvAsync(rig, "source_id,coworker_contract_id,contact_type,full_name,address,city",
            "own-1,1001,Director,Ada Created,1 Old Street,London", "own-2,1001,Director,Beatrice Typed-In,2 Old Street,London");
        Assert.Equal(0, (await rig.RunSyncOnceAsync(environment)).ExitCode);
        var createdId = await rig.NexudusIdAsync("own-1");
        Assert.Equal(linkedId, await rig.NexudusIdAsync("own-2"));

        // Staff add a phone number, and the AML check a date of birth, to both.
        foreach (var id in new[] { createdId, linkedId })
        {
            await rig.EditInNexudusAsync(id, contact =>
            {
                contact["PhoneNumber"] = "020 7946 0123";
                contact["DateOfBirth"] = "1971-04-05T00:00:00";
            });
        }

        await WriteCsvAsync(rig, "source_id,coworker_contract_id,contact_type,full_name,address,city",
            "own-1,1001,Director,Ada Created,9 New Road,Leeds", "own-2,1001,Director,Beatrice Typed-In,8 New Road,Leeds");
        var stats = await rig.Sandbox.GetStatsAsync();
        var second = await rig.RunSyncOnceAsync(environment);
        var calls = (await rig.Sandbox.GetStatsAsync()).Since(stats);

        Assert.True(second.ExitCode == 0, second.Output);
        Assert.Equal(2, calls.Count(Put));
        foreach (var (id, address) in new[] { (createdId, "9 New Road"), (linkedId, "8 New Road") })
        {
            var contact = await rig.ContactAsync(id);
            Assert.Equal((address, "Leeds"), (Text(contact, "Address"), Text(contact, "CityName")));
            Assert.Equal("020 7946 0123", Text(contact, "PhoneNumber"));
            Assert.StartsWith("1971-04-05", Text(contact, "DateOfBirth"), StringComparison.Ordinal);
        }

        Assert.Equal(("synced", "synced"), (await rig.StatusOfAsync("own-1"), await rig.StatusOfAsync("own-2")));
    }

    [Theory]
    [InlineData("Keep", "020 7946 0001")]
    [InlineData("Clear", null)]
    public async Task An_emptied_column_clears_a_created_contact_only_under_Clear_and_never_a_linked_one(string emptyValues, string? createdPhoneAfter)
    {
        await using var rig = await ExactlyOnceRig.StartAsync($"empty-{emptyValues}", postgres, output, records: 1, invalidShare: 0);
        var environment = new Dictionary<string, string>(rig.WorkerEnvironment()) { ["ContactSync__Sources__0__EmptyValues"] = emptyValues };
        var linkedId = await rig.PlantForeignContactAsync(Row("Beatrice Typed-In"), body => { body["PhoneNumber"] = "020 7946 0002"; return body; });
        const string header = "source_id,coworker_contract_id,contact_type,full_name,phone,city";
        await WriteCsvAsync(rig, header, "own-1,1001,Director,Ada Created,020 7946 0001,London", "own-2,1001,Director,Beatrice Typed-In,020 7946 0002,London");
        Assert.Equal(0, (await rig.RunSyncOnceAsync(environment)).ExitCode);
        var createdId = await rig.NexudusIdAsync("own-1");

        await WriteCsvAsync(rig, header, "own-1,1001,Director,Ada Created,,York", "own-2,1001,Director,Beatrice Typed-In,,York");
        var second = await rig.RunSyncOnceAsync(environment);

        Assert.True(second.ExitCode == 0, second.Output);
        var created = await rig.ContactAsync(createdId);
        var linked = await rig.ContactAsync(linkedId);
        Assert.Equal(("York", "York"), (Text(created, "CityName"), Text(linked, "CityName")));
        Assert.Equal(createdPhoneAfter, Text(created, "PhoneNumber"));
        Assert.Equal("020 7946 0002", Text(linked, "PhoneNumber"));
    }

    [Fact]
    public async Task Per_field_overrides_leave_an_ignored_field_to_Nexudus_and_set_a_set_if_empty_one_only_where_it_is_empty()
    {
        await using var rig = await ExactlyOnceRig.StartAsync("overrides", postgres, output, records: 1, invalidShare: 0);
        var environment = new Dictionary<string, string>(rig.WorkerEnvironment())
        {
            ["ContactSync__Sources__0__Fields__PhoneNumber"] = "Ignore",
            ["ContactSync__Sources__0__Fields__email"] = "SetIfEmpty",
            ["ContactSync__Sources__0__Fields__City"] = "Own",
        };
        const string header = "source_id,coworker_contract_id,contact_type,full_name,email,phone,city";
        await WriteCsvAsync(rig, header,
            "own-1,1001,Director,Ada Created,ada@example.com,020 7946 0001,London",
            "own-2,1001,Director,Bruno Created,bruno@example.com,020 7946 0003,London");
        Assert.Equal(0, (await rig.RunSyncOnceAsync(environment)).ExitCode);
        var (ada, bruno) = (await rig.NexudusIdAsync("own-1"), await rig.NexudusIdAsync("own-2"));
        Assert.Null(Text(await rig.ContactAsync(ada), "PhoneNumber"));
        Assert.Equal("ada@example.com", Text(await rig.ContactAsync(ada), "Email"));

        // Staff correct Ada's email and clear Bruno's; the source changes both emails, phones and cities.
        await rig.EditInNexudusAsync(ada, contact => { contact["Email"] = "ada.l@example.com"; contact["PhoneNumber"] = "020 7946 0999"; });
        await rig.EditInNexudusAsync(bruno, contact => contact["Email"] = null);
        await WriteCsvAsync(rig, header,
            "own-1,1001,Director,Ada Created,ada.new@example.com,020 7946 0011,York",
            "own-2,1001,Director,Bruno Created,bruno.new@example.com,020 7946 0013,York");
        var second = await rig.RunSyncOnceAsync(environment);

        Assert.True(second.ExitCode == 0, second.Output);
        var (adaAfter, brunoAfter) = (await rig.ContactAsync(ada), await rig.ContactAsync(bruno));
        Assert.Equal(("York", "ada.l@example.com", "020 7946 0999"), (Text(adaAfter, "CityName"), Text(adaAfter, "Email"), Text(adaAfter, "PhoneNumber")));
        Assert.Equal(("York", "bruno.new@example.com", null), (Text(brunoAfter, "CityName"), Text(brunoAfter, "Email"), Text(brunoAfter, "PhoneNumber")));
    }

    [Fact]
    public async Task The_dry_run_names_the_fields_an_update_changes_and_those_it_leaves_to_Nexudus()
    {
        await using var rig = await ExactlyOnceRig.StartAsync("own-plan", postgres, output, records: 1, invalidShare: 0);
        const string header = "source_id,coworker_contract_id,contact_type,full_name,address,city";
        await WriteCsvAsync(rig, header, "own-1,1001,Director,Ada Created,1 Old Street,London");
        Assert.Equal(0, (await rig.RunSyncOnceAsync()).ExitCode);
        await WriteCsvAsync(rig, header, "own-1,1001,Director,Ada Created,9 New Road,London");

        var dry = await rig.RunSyncOnceAsync(null, "--dry-run", "--output", "json");

        Assert.True(dry.ExitCode == 0, dry.Output);
        var update = JsonDocument.Parse(dry.StandardOutput).RootElement.GetProperty("records").EnumerateArray()
            .Single(record => record.GetProperty("action").GetString() == "update");
        Assert.Equal(["Address"], Names(update, "fields"));
        Assert.Equal(["Email", "DateOfBirth", "PostCode", "State", "CountryId", "PhoneNumber", "Notes"], Names(update, "leftAlone"));
    }

    private static SourceRow Row(string name) => new("typed", Contract, 1, name, null, null, "London", null, "", "", null);

    private static async Task WriteCsvAsync(ExactlyOnceRig rig, string header, params string[] rows)
        => await File.WriteAllTextAsync(rig.CsvPath, new StringBuilder(header).Append('\n').AppendJoin('\n', rows).Append('\n').ToString());

    private static string[] Names(JsonElement record, string property)
        => [.. record.GetProperty(property).EnumerateArray().Select(name => name.GetString()!)];
}
