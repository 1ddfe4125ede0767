using ContactSync.IntegrationTests.ExactlyOnce;
using ContactSync.IntegrationTests.Infrastructure;
using Xunit.Abstractions;
using static ContactSync.IntegrationTests.Infrastructure.ContactJson;

namespace ContactSync.IntegrationTests.HubSpot;

/// <summary>What the CRM leaves empty, or is not configured to read, stays as staff entered it in Nexudus.</summary>
[Collection(SourcesPostgresCollectionDefinition.Name)]
public sealed class CrmFieldOwnershipTests(PostgresServer postgres, ITestOutputHelper output)
{
    [Theory]
    [InlineData("SourceWins")]
    [InlineData("NexudusWins")]
    public async Task An_address_change_in_the_CRM_keeps_the_phone_and_date_of_birth_staff_entered(string conflicts)
    {
        await using var rig = await CrmRig.StartAsync(postgres, output);
        var environment = rig.Environment("Upsert");
        environment["ContactSync__Sources__0__Conflicts"] = conflicts;
        // No birth date property: the CRM supplies none. And this contact's phone is empty in the CRM.
        environment.Remove("ContactSync__Sources__0__DateOfBirthProperty");
        await rig.PatchContactAsync("100031", new { phone = "" });
        await rig.SyncOnceAsync(environment);
        var records = await rig.RecordsAsync();
        var ids = new[] { "100031/2000003/director", "100031/2000003/nominated-recipient" }.Select(key => records[key].NexudusId!.Value).ToList();
        foreach (var id in ids)
        {
            await ExactlyOnceRig.EditInNexudusAsync(rig.Sandbox, id, contact =>
            {
                contact["PhoneNumber"] = "020 7946 0456";
                contact["DateOfBirth"] = "1975-07-02T00:00:00";
            });
        }

        await rig.PatchContactAsync("100031", new { address = "12 Quay Street", city = "Bristol" });
        var second = await rig.SyncOnceAsync(environment);

        Assert.Equal(2, ExactlyOnceRig.Count(second.StandardOutput, "Updated"));
        foreach (var id in ids)
        {
            var contact = (await rig.ContactAsync(id))!.Value;
            Assert.Equal(("12 Quay Street", "Bristol"), (Text(contact, "Address"), Text(contact, "CityName")));
            Assert.Equal("020 7946 0456", Text(contact, "PhoneNumber"));
            Assert.StartsWith("1975-07-02", Text(contact, "DateOfBirth"), StringComparison.Ordinal);
        }
    }
}
