using System.Text.Json;
using ContactSync.IntegrationTests.ExactlyOnce;
using ContactSync.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace ContactSync.IntegrationTests.Register;

/// <summary>The register as a source, end to end over HTTP: what the register says of a company reaches its contract in Nexudus.</summary>
[Collection(SourcesPostgresCollectionDefinition.Name)]
public sealed class CompaniesHouseSourceTests(PostgresServer postgres, ITestOutputHelper output)
{
    private const string Officers = "GET /company/{number}/officers";
    private const string Profile = "GET /company/{number}";

    [Theory]
    [InlineData("Mirror")]
    [InlineData("CreateOnly")]
    public async Task A_director_who_resigns_between_runs_is_removed_under_Mirror_and_left_under_CreateOnly(string mode)
    {
        await using var rig = await RegisterRig.StartAsync(postgres, output);
        var environment = rig.Environment(mode);
        var first = await rig.SyncOnceAsync(environment);
        Assert.Equal(1, first.ExitCode); // companies 2 and 14 are rejected
        var company = RegisterRig.Number(1);
        var director = (await rig.OfficersAsync(company)).First(officer => officer.Role == "director" && !officer.Resigned && officer.Appointment.Length > 0);
        var (_, contactId) = await rig.RecordAsync(director.Appointment);

        await rig.PostAsync($"_sandbox/register/companies/{company}/officers/{director.Appointment}/resign", new { resignedOn = "2026-11-30" });
        var second = await rig.SyncOnceAsync(environment);

        Assert.Equal(1, second.ExitCode);
        if (mode == "Mirror")
        {
            Assert.Equal(1, ExactlyOnceRig.Count(second.StandardOutput, "Removed"));
            Assert.Equal("removed", (await rig.RecordAsync(director.Appointment)).Status);
            Assert.Null(await rig.ContactAsync(contactId!.Value));
        }
        else
        {
            Assert.Equal(0, ExactlyOnceRig.Count(second.StandardOutput, "Removed"));
            Assert.NotNull(await rig.ContactAsync(contactId!.Value));
        }

        Assert.Equal(0, ExactlyOnceRig.Count(second.StandardOutput, "Created"));
    }

    [Fact]
    public async Task A_new_service_address_is_brought_into_Nexudus_by_Upsert_with_one_GET_and_one_PUT()
    {
        await using var rig = await RegisterRig.StartAsync(postgres, output);
        var environment = rig.Environment("Upsert");
        await rig.SyncOnceAsync(environment);
        var company = RegisterRig.Number(4);
        var director = (await rig.OfficersAsync(company)).First(officer => officer.Role == "director" && !officer.Resigned && officer.Appointment.Length > 0);

        await rig.PutAsync($"_sandbox/register/companies/{company}/officers/{director.Appointment}/address",
            new { premises = "7", addressLine1 = "Harbour Road", locality = "Inverness", region = "Highland", postalCode = "IV1 1AA", country = "Scotland" });
        var stats = await rig.Sandbox.GetStatsAsync();
        var second = await rig.SyncOnceAsync(environment);
        var calls = (await rig.Sandbox.GetStatsAsync()).Since(stats);

        Assert.Equal(1, ExactlyOnceRig.Count(second.StandardOutput, "Updated"));
        Assert.Equal((1, 1, 0), (calls.Count("GET /api/billing/contractcontacts/{id}"), calls.Count("PUT /api/billing/contractcontacts"), calls.Creates));
        var contact = (await rig.ContactAsync((await rig.RecordAsync(director.Appointment)).NexudusId!.Value))!.Value;
        Assert.Equal(("7, Harbour Road", "Inverness", "IV1 1AA"), (Text(contact, "Address"), Text(contact, "CityName"), Text(contact, "PostCode")));
    }

    [Fact]
    public async Task A_company_that_gains_a_former_name_gets_a_company_alias()
    {
        await using var rig = await RegisterRig.StartAsync(postgres, output);
        await rig.SyncOnceAsync();
        var company = RegisterRig.Number(1);
        await rig.PostAsync($"_sandbox/register/companies/{company}/previous-names", new { name = "AMBER OLD NAME LIMITED", effectiveFrom = "2012-01-01", ceasedOn = "2026-11-20" });

        var second = await rig.SyncOnceAsync();

        Assert.Equal(1, ExactlyOnceRig.Count(second.StandardOutput, "Created"));
        var (status, id) = await rig.RecordAsync($"{company}/former-name/2012-01-01/2026-11-20");
        var alias = (await rig.ContactAsync(id!.Value))!.Value;
        Assert.Equal(("synced", "AMBER OLD NAME LIMITED", 2), (status, Text(alias, "FullName"), alias.GetProperty("ContractContactType").GetInt32()));
        Assert.Equal(1001, alias.GetProperty("CoworkerContractId").GetInt32());
    }

    [Fact]
    public async Task Officers_over_several_pages_are_all_read_counting_what_came_back()
    {
        await using var rig = await RegisterRig.StartAsync(postgres, output, "--register-max-page-size", "10");
        var company = RegisterRig.Number(1);
        for (var i = 0; i < 25; i++)
        {
            await rig.AppointAsync(company, $"PAGED-{i:D2}, Director");
        }

        var officers = await rig.OfficersAsync(company);
        var directors = officers.Count(officer => officer.Role == "director" && !officer.Resigned);
        var stats = await rig.Sandbox.GetStatsAsync();
        var run = await rig.SyncOnceAsync(null, "--company", company);
        var calls = (await rig.Sandbox.GetStatsAsync()).Since(stats);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(directors, ExactlyOnceRig.Count(run.StandardOutput, "Created"));
        Assert.Equal(((officers.Count + 9) / 10, 1), (calls.Count(Officers), calls.Count(Profile)));
    }

    [Fact]
    public async Task The_registers_bare_429s_are_waited_out_never_hammered_and_nothing_is_lost()
    {
        // The register allows 6 requests per 4 s here; the worker is told 1000, so only the register's 429s slow it.
        await using var rig = await RegisterRig.StartAsync(postgres, output, "--register-requests-per-window", "6", "--register-window-seconds", "4");
        var environment = rig.Environment();
        environment["ContactSync__Sources__0__RequestsPerWindow"] = "1000";

        var run = await rig.SyncOnceAsync(environment);
        var stats = await rig.Sandbox.GetStatsAsync();

        var registerCalls = stats.Count(Officers) + stats.Count(Profile);
        var throttled = stats.Count(Officers, 429) + stats.Count(Profile, 429);
        rig.Log($"{registerCalls} register calls, {throttled} answered 429");
        Assert.Equal(1, run.ExitCode);
        Assert.Equal(0, ExactlyOnceRig.Count(run.StandardOutput, "Failed"));
        Assert.True(throttled > 0, "the register's limit was never reached: the test proves nothing");
        // Each 429 holds every call back until the register's reset: at most about one per window.
        Assert.True(throttled <= (registerCalls / 6) + 2, $"{throttled} 429s for {registerCalls} calls");
        Assert.Equal(2, ExactlyOnceRig.Count(run.StandardOutput, "Rejected"));
    }

    [Fact]
    public async Task A_company_with_no_active_contract_and_one_with_two_are_rejected_each_with_its_reason()
    {
        await using var rig = await RegisterRig.StartAsync(postgres, output);
        var run = await rig.SyncOnceAsync();

        Assert.Equal(1, run.ExitCode);
        var reasons = await rig.RejectionsOfLatestRunAsync();
        Assert.Contains($"company {RegisterRig.Number(2)} has two: 1002, 900001", reasons);
        Assert.Contains($"company {RegisterRig.Number(RegisterRig.Contracts + 2)} has no active virtual-office contract", reasons);
        Assert.Equal(2, reasons.Count);
        var contacts = (await rig.Sandbox.GetContactsAsync()).EnumerateArray().Select(contact => contact.GetProperty("CoworkerContractId").GetInt32()).ToList();
        Assert.DoesNotContain(1002, contacts);
        Assert.DoesNotContain(900001, contacts);
    }

    [Fact]
    public async Task A_company_resolution_no_longer_knows_keeps_its_contacts_under_Mirror()
    {
        await using var rig = await RegisterRig.StartAsync(postgres, output);
        using var directory = new TempDirectory();
        var map = Path.Combine(directory.Path, "map.csv");
        await rig.PostAsync("_sandbox/register/companies", new { number = "07777777", name = "MAPPED ONLY LIMITED" });
        var appointment = await rig.AppointAsync("07777777", "KEPT, Karen");
        await File.WriteAllTextAsync(map, "company_ref,coworker_contract_id\n07777777,1005\n");
        var environment = rig.Environment();
        environment["ContactSync__Sources__0__ContractMapPath"] = map;
        await rig.SyncOnceAsync(environment);
        var (status, id) = await rig.RecordAsync(appointment);
        Assert.Equal("synced", status);

        // Staff drop the company from the map: it is no longer read, which proves nothing about its directors.
        await File.WriteAllTextAsync(map, "company_ref,coworker_contract_id\n");
        var second = await rig.SyncOnceAsync(environment);

        Assert.Equal(0, ExactlyOnceRig.Count(second.StandardOutput, "Removed"));
        Assert.NotNull(await rig.ContactAsync(id!.Value));
        Assert.Equal("synced", (await rig.RecordAsync(appointment)).Status);
    }

    private static string? Text(JsonElement contact, string field)
        => contact.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
