using System.Net.Http.Json;
using System.Text.Json;
using ContactSync.IntegrationTests.ExactlyOnce;
using ContactSync.IntegrationTests.Infrastructure;
using Xunit.Abstractions;
using static ContactSync.IntegrationTests.Infrastructure.ContactJson;

namespace ContactSync.IntegrationTests.Register;

/// <summary>
/// The register's data as the register has it: keys and names that begin with any character are synced, and what the
/// register does not supply (a phone, a full date of birth, an email) is never taken from a contact by an update.
/// </summary>
[Collection(SourcesPostgresCollectionDefinition.Name)]
public sealed class RegisterDataTests(PostgresServer postgres, ITestOutputHelper output)
{
    [Fact]
    public async Task A_director_whose_key_begins_with_a_dash_and_an_alias_beginning_with_an_at_sign_are_synced_and_Mirror_is_not_held()
    {
        await using var rig = await RegisterRig.StartAsync(postgres, output);
        var company = RegisterRig.Number(1);
        const string appointment = "-Xk2mA9pQrs7tUv1wYz0AbCdEfG";
        using (var response = await rig.Sandbox.Client.PostAsJsonAsync($"_sandbox/register/companies/{company}/officers",
                   new { name = "DASH, Rowena Ann", role = "director", appointmentId = appointment }))
        {
            response.EnsureSuccessStatusCode();
        }

        await rig.PostAsync($"_sandbox/register/companies/{company}/previous-names", new { name = "@UK PLC", effectiveFrom = "2010-01-01", ceasedOn = "2020-01-01" });

        var first = await rig.SyncOnceAsync();

        Assert.Equal(1, first.ExitCode); // companies 2 and 14 are rejected, as every run of this rig
        Assert.DoesNotContain("Outcome:   held", first.StandardOutput, StringComparison.Ordinal);
        var (status, id) = await rig.RecordAsync(appointment);
        Assert.Equal("synced", status);
        Assert.Equal("Rowena Ann Dash", Text((await rig.ContactAsync(id!.Value))!.Value, "FullName"));
        var (aliasStatus, aliasId) = await rig.RecordAsync($"{company}/former-name/2010-01-01/2020-01-01");
        Assert.Equal(("synced", "@UK PLC"), (aliasStatus, Text((await rig.ContactAsync(aliasId!.Value))!.Value, "FullName")));
        Assert.DoesNotContain(await rig.RejectionsOfLatestRunAsync(), reason => reason.Contains("source_id", StringComparison.Ordinal));

        // Mirror still works for that source: the director resigns, and the next run removes the contact.
        await rig.PostAsync($"_sandbox/register/companies/{company}/officers/{appointment}/resign", new { resignedOn = "2026-12-01" });
        var second = await rig.SyncOnceAsync();

        Assert.Equal(1, ExactlyOnceRig.Count(second.StandardOutput, "Removed"));
        Assert.Equal("removed", (await rig.RecordAsync(appointment)).Status);
    }

    [Theory]
    [InlineData("SourceWins")]
    [InlineData("NexudusWins")]
    public async Task A_new_service_address_keeps_the_phone_email_and_date_of_birth_staff_entered(string conflicts)
    {
        await using var rig = await RegisterRig.StartAsync(postgres, output);
        var environment = rig.Environment("Upsert");
        environment["ContactSync__Sources__0__Conflicts"] = conflicts;
        await rig.SyncOnceAsync(environment);
        var company = RegisterRig.Number(4);
        var director = (await rig.OfficersAsync(company)).First(officer => officer.Role == "director" && !officer.Resigned && officer.Appointment.Length > 0);
        var contactId = (await rig.RecordAsync(director.Appointment)).NexudusId!.Value;
        await ExactlyOnceRig.EditInNexudusAsync(rig.Sandbox, contactId, contact =>
        {
            contact["PhoneNumber"] = "+44 1463 000 111";
            contact["Email"] = "director@example.com";
            contact["DateOfBirth"] = "1968-09-14T00:00:00";
        });

        await rig.PutAsync($"_sandbox/register/companies/{company}/officers/{director.Appointment}/address",
            new { premises = "7", addressLine1 = "Harbour Road", locality = "Inverness", region = "Highland", postalCode = "IV1 1AA", country = "Scotland" });
        var second = await rig.SyncOnceAsync(environment);

        Assert.Equal(1, ExactlyOnceRig.Count(second.StandardOutput, "Updated"));
        var contact = (await rig.ContactAsync(contactId))!.Value;
        Assert.Equal(("7, Harbour Road", "Inverness"), (Text(contact, "Address"), Text(contact, "CityName")));
        Assert.Equal(("+44 1463 000 111", "director@example.com"), (Text(contact, "PhoneNumber"), Text(contact, "Email")));
        Assert.StartsWith("1968-09-14", Text(contact, "DateOfBirth"), StringComparison.Ordinal);
        Assert.Equal("synced", (await rig.RecordAsync(director.Appointment)).Status);
    }
}
