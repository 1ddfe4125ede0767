using System.Net.Http.Json;
using System.Text.Json;
using ContactSync.IntegrationTests.ExactlyOnce;
using ContactSync.IntegrationTests.Infrastructure;
using ContactSync.IntegrationTests.Register;
using Xunit.Abstractions;
using static ContactSync.IntegrationTests.Infrastructure.ContactJson;

namespace ContactSync.IntegrationTests.Sumsub;

/// <summary>
/// A Sumsub source as an operator runs it, against the Sandbox's Sumsub and Nexudus over HTTP: only the people Sumsub
/// verified become key contacts, of the companies contract resolution knows (the seed's companies 1 and 3–6, whose
/// register numbers are their KYB applicants' external user ids).
/// </summary>
[Collection(SourcesPostgresCollectionDefinition.Name)]
public sealed class SumsubSourceTests(PostgresServer postgres, ITestOutputHelper output)
{
    private const string Source = SumsubEnvironment.Source;

    [Fact]
    public async Task A_full_pass_writes_the_approved_people_of_approved_companies_and_nobody_else()
    {
        await using var rig = await RegisterRig.StartAsync(postgres, output);
        var seed = await SeedAsync(rig);

        var run = await rig.SyncOnceAsync(Source, Environment(rig));

        Assert.Equal(1, run.ExitCode); // the company under review, and those with no KYB case, are the run's rejections
        var maria = seed.Person("register-director");
        var (status, id) = await rig.RecordAsync($"{maria.Applicant}/01000001/director", Source);
        Assert.Equal("synced", status);
        var contact = (await rig.ContactAsync(id!.Value))!.Value;
        Assert.Equal(("Maria de la Cruz", "maria.delacruz@example.com"), (Text(contact, "FullName"), Text(contact, "Email")));
        Assert.StartsWith("1957-02-14", Text(contact, "DateOfBirth"), StringComparison.Ordinal);
        Assert.Matches(@"^Verified by Sumsub on \d{4}-\d{2}-\d{2}$", Text(contact, "Notes"));

        // A person with two mapped types is two contacts; a representative is a nominated recipient; KYB 1.0 is read.
        var both = seed.Person("director-and-representative");
        Assert.Equal("synced", (await rig.RecordAsync($"{both.Applicant}/01000006/director", Source)).Status);
        Assert.Equal("synced", (await rig.RecordAsync($"{both.Applicant}/01000006/nominated-recipient", Source)).Status);
        Assert.Equal("synced", (await rig.RecordAsync($"{seed.Person("representative").Applicant}/01000006/nominated-recipient", Source)).Status);
        Assert.Equal("synced", (await rig.RecordAsync($"{seed.Person("kyb1-director").Applicant}/SC100003/director", Source)).Status);

        // Not verified yet: unverified with the state, nothing written, and counted as such.
        foreach (var (role, company, state) in new[] { ("pending-director", "01000001", "pending"), ("retry-director", "01000001", "rejected (may retry)"), ("on-hold-director", "01000005", "on hold") })
        {
            var record = await RecordWithReasonAsync(rig, $"{seed.Person(role).Applicant}/{company}/director");
            Assert.Equal(("unverified", null), (record.Status, record.NexudusId));
            Assert.Contains($"not verified by Sumsub ({state})", record.Reason, StringComparison.Ordinal);
        }

        Assert.Equal(3, ExactlyOnceRig.Count(run.StandardOutput, "Unverified"));

        // Refused for good, a UBO that is not mapped, a beneficiary with no applicant, and everyone of a company whose
        // own review is pending: no record at all.
        var keys = await KeysAsync(rig);
        Assert.DoesNotContain(keys, key => key.StartsWith(seed.Person("kyb1-final-director").Applicant, StringComparison.Ordinal));
        Assert.DoesNotContain(keys, key => key.StartsWith(seed.Person("ubo-not-director").Applicant, StringComparison.Ordinal));
        Assert.DoesNotContain(keys, key => key.Contains("/01000004/", StringComparison.Ordinal));
        Assert.Equal(8, keys.Count);
        Assert.Contains(await rig.RejectionsOfLatestRunAsync(), reason => reason.Contains("company 01000004: its own KYB review in Sumsub is pending", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Mirror", "removed")]
    [InlineData("Upsert", "synced")]
    public async Task An_approval_withdrawn_removes_the_contact_under_Mirror_and_keeps_it_under_Upsert(string mode, string expected)
    {
        await using var rig = await RegisterRig.StartAsync(postgres, output);
        var seed = await SeedAsync(rig);
        var environment = Environment(rig, mode);
        await rig.SyncOnceAsync(Source, environment);
        var key = $"{seed.Person("register-director").Applicant}/01000001/director";
        var contactId = (await rig.RecordAsync(key, Source)).NexudusId!.Value;

        await rig.PostAsync($"_sandbox/sumsub/applicants/{seed.Person("register-director").Applicant}/withdraw", new { });
        await rig.SyncOnceAsync(Source, environment);

        Assert.Equal(expected, (await rig.RecordAsync(key, Source)).Status);
        Assert.Equal(mode == "Upsert", await rig.ContactAsync(contactId) is not null);
    }

    [Fact]
    public async Task A_reset_review_keeps_the_contact_unverified_and_a_final_refusal_after_it_removes_the_contact()
    {
        await using var rig = await RegisterRig.StartAsync(postgres, output);
        var seed = await SeedAsync(rig);
        var maria = seed.Person("register-director").Applicant;
        var key = $"{maria}/01000001/director";
        await rig.SyncOnceAsync(Source, Environment(rig));
        var contactId = (await rig.RecordAsync(key, Source)).NexudusId!.Value;

        // Sumsub asks her to be verified again: nothing is written, and her contact stays where it is.
        await rig.PostAsync($"_sandbox/sumsub/applicants/{maria}/reset", new { });
        var reset = await rig.SyncOnceAsync(Source, Environment(rig));
        Assert.Equal(("unverified", contactId), await rig.RecordAsync(key, Source));
        Assert.NotNull(await rig.ContactAsync(contactId));
        Assert.Equal(0, ExactlyOnceRig.Count(reset.StandardOutput, "Removed"));

        // Then refused for good: gone from the source, so Mirror removes the contact it created.
        await rig.PostAsync($"_sandbox/sumsub/applicants/{maria}/reject", new { final = true });
        var refused = await rig.SyncOnceAsync(Source, Environment(rig));
        Assert.Equal("removed", (await rig.RecordAsync(key, Source)).Status);
        Assert.Null(await rig.ContactAsync(contactId));
        Assert.Equal(1, ExactlyOnceRig.Count(refused.StandardOutput, "Removed"));
    }

    [Fact]
    public async Task An_approval_reaches_Nexudus_with_the_next_run_and_a_pending_person_is_never_written_before()
    {
        await using var rig = await RegisterRig.StartAsync(postgres, output);
        var seed = await SeedAsync(rig);
        var pending = seed.Person("pending-director");
        var key = $"{pending.Applicant}/01000001/director";
        await rig.SyncOnceAsync(Source, Environment(rig));
        Assert.Null((await rig.RecordAsync(key, Source)).NexudusId);

        await rig.PostAsync($"_sandbox/sumsub/applicants/{pending.Applicant}/approve", new { });
        await rig.SyncOnceAsync(Source, Environment(rig));

        var (status, id) = await rig.RecordAsync(key, Source);
        Assert.Equal("synced", status);
        Assert.Equal("Siân Pritchard-Ellis", Text((await rig.ContactAsync(id!.Value))!.Value, "FullName"));
    }

    [Fact]
    public async Task A_throttling_Sumsub_is_waited_out_and_a_refused_signature_stops_the_run_as_misconfigured()
    {
        await using var rig = await RegisterRig.StartAsync(postgres, output);
        await SeedAsync(rig);
        using (var limits = await rig.Sandbox.Client.PutAsJsonAsync("_sandbox/sumsub/limits", new { getsPerWindow = 3, windowSeconds = 2 }))
        {
            limits.EnsureSuccessStatusCode();
        }

        // The source allows itself more than Sumsub will take: 429s, each waited out for a window.
        var environment = Environment(rig);
        environment["ContactSync__Sources__0__RequestsPerWindow"] = "50";
        environment["ContactSync__Sources__0__Window"] = "00:00:02";
        var throttled = await rig.SyncOnceAsync(Source, environment);

        Assert.Equal(1, throttled.ExitCode);
        var calls = await rig.Sandbox.Client.GetFromJsonAsync<JsonElement>("_sandbox/sumsub/calls");
        Assert.Contains(calls.EnumerateObject(), route => route.Value.TryGetProperty("429", out _));
        Assert.Equal(8, (await KeysAsync(rig)).Count);

        environment["ContactSync__Sources__0__SecretKey"] = "not-the-secret";
        var refused = await rig.SyncOnceAsync(Source, environment);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("Sumsub refused the request (401)", refused.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_person_who_is_also_a_register_director_is_one_contact_held_by_both_sources()
    {
        await using var rig = await RegisterRig.StartAsync(postgres, output);
        var seed = await SeedAsync(rig);
        // The register first, then the KYC platform, on the same companies: two sources, one Nexudus.
        var environment = rig.Environment("Upsert");
        foreach (var (key, value) in Environment(rig, "Upsert"))
        {
            if (key.StartsWith("ContactSync__Sources__0__", StringComparison.Ordinal))
            {
                environment["ContactSync__Sources__1__" + key["ContactSync__Sources__0__".Length..]] = value;
            }
        }

        await rig.SyncOnceAsync(RegisterRig.SourceName, environment);
        await rig.SyncOnceAsync(Source, environment);

        var kyc = await rig.RecordAsync($"{seed.Person("register-director").Applicant}/01000001/director", Source);
        Assert.Equal("synced", kyc.Status);
        // The register seeds a Maria de la Cruz on another company too: on company 1's contract, there is one.
        var contract = (await rig.ContactAsync(kyc.NexudusId!.Value))!.Value.GetProperty("CoworkerContractId").GetInt32();
        var named = (await rig.Sandbox.GetContactsAsync()).EnumerateArray()
            .Where(contact => contact.GetProperty("CoworkerContractId").GetInt32() == contract)
            .Where(contact => string.Equals(Text(contact, "FullName"), "Maria de la Cruz", StringComparison.OrdinalIgnoreCase))
            .Select(contact => contact.GetProperty("Id").GetInt32())
            .ToList();
        Assert.Equal([kyc.NexudusId.Value], named);
        await using var command = rig.DataSource.CreateCommand("select count(distinct source) from sync_records where nexudus_id = @id");
        command.Parameters.AddWithValue("id", kyc.NexudusId.Value);
        Assert.Equal(2L, (long)(await command.ExecuteScalarAsync())!);
    }

    private static Dictionary<string, string> Environment(RegisterRig rig, string mode = "Mirror") => SumsubEnvironment.For(rig, mode);

    private static async Task<SumsubSeed> SeedAsync(RegisterRig rig)
        => new(await rig.Sandbox.Client.GetFromJsonAsync<JsonElement>("_sandbox/sumsub/seed"));

    private static async Task<IReadOnlyList<string>> KeysAsync(RegisterRig rig)
    {
        await using var command = rig.DataSource.CreateCommand("select source_id from sync_records where source = @source order by source_id");
        command.Parameters.AddWithValue("source", Source);
        var keys = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    private static async Task<(string Status, int? NexudusId, string Reason)> RecordWithReasonAsync(RegisterRig rig, string key)
    {
        await using var command = rig.DataSource.CreateCommand("select status, nexudus_id, coalesce(last_error, '') from sync_records where source = @source and source_id = @id");
        command.Parameters.AddWithValue("source", Source);
        command.Parameters.AddWithValue("id", key);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"no record {key}");
        return (reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetInt32(1), reader.GetString(2));
    }

    /// <summary>The Sandbox's seeded KYB cases: each person by the role the seed gives them.</summary>
    private sealed class SumsubSeed(JsonElement companies)
    {
        public (string Applicant, string Company) Person(string role)
        {
            foreach (var company in companies.EnumerateArray())
            {
                foreach (var beneficiary in company.GetProperty("beneficiaries").EnumerateArray())
                {
                    if (beneficiary.GetProperty("role").GetString() == role)
                    {
                        return (beneficiary.GetProperty("applicantId").GetString()!, company.GetProperty("externalUserId").GetString()!);
                    }
                }
            }

            throw new InvalidOperationException($"The Sandbox seeds nobody as {role}.");
        }
    }
}
