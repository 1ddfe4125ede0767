using ContactSync.IntegrationTests.ExactlyOnce;
using ContactSync.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace ContactSync.IntegrationTests.Register;

/// <summary>A CSV export that names companies instead of contracts: resolved through the coworker field and the map.</summary>
[Collection(SourcesPostgresCollectionDefinition.Name)]
public sealed class CompanyRefCsvTests(PostgresServer postgres, ITestOutputHelper output)
{
    [Fact]
    public async Task Rows_with_a_company_ref_land_on_the_company_s_contract_and_an_unresolvable_company_is_rejected_with_its_reason()
    {
        await using var rig = await RegisterRig.StartAsync(postgres, output);
        using var directory = new TempDirectory();
        var csv = Path.Combine(directory.Path, "contacts.csv");
        var map = Path.Combine(directory.Path, "map.csv");
        await File.WriteAllTextAsync(csv,
            """
            source_id,company_ref,coworker_contract_id,contact_type,full_name
            r1, 1000001 ,,Director,Ada Field
            r2,01000002,,Director,Bo Twin
            r3,07777777,,Director,Cy Mapped
            r4,01000001,1006,Director,Di Explicit
            r5,09999999,,Director,Ed Nowhere
            r6,sc100003,,NominatedRecipient,Flo Scot

            """);
        await File.WriteAllTextAsync(map, "company_ref,coworker_contract_id\n7777777,1005\n");
        var environment = rig.Environment("Upsert");
        environment["ContactSync__Sources__0__Type"] = "Csv";
        environment["ContactSync__Sources__0__Path"] = csv;
        environment["ContactSync__Sources__0__ContractMapPath"] = map;

        var run = await rig.SyncOnceAsync(environment);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal((4, 2), (ExactlyOnceRig.Count(run.StandardOutput, "Created"), ExactlyOnceRig.Count(run.StandardOutput, "Rejected")));
        var contacts = (await rig.Sandbox.GetContactsAsync()).EnumerateArray()
            .ToDictionary(contact => contact.GetProperty("FullName").GetString()!, contact => contact.GetProperty("CoworkerContractId").GetInt32());
        Assert.Equal(1001, contacts["Ada Field"]);
        Assert.Equal(1005, contacts["Cy Mapped"]);
        Assert.Equal(1006, contacts["Di Explicit"]);
        Assert.Equal(1003, contacts["Flo Scot"]);
        await using var reasons = rig.DataSource.CreateCommand("select source_id, last_error from sync_records where status = 'rejected' order by source_id");
        await using var reader = await reasons.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(("r2", "company_ref: company 01000002 has two: 1002, 900001"), (reader.GetString(0), reader.GetString(1)));
        Assert.True(await reader.ReadAsync());
        Assert.Equal(("r5", "company_ref: company 09999999 has no active virtual-office contract"), (reader.GetString(0), reader.GetString(1)));
    }
}
