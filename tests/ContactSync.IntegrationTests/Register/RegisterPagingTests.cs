using System.Net.Http.Json;
using ContactSync.IntegrationTests.ExactlyOnce;
using ContactSync.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace ContactSync.IntegrationTests.Register;

/// <summary>The register's officer pages against a register that answers every page with the first, over HTTP.</summary>
[Collection(SourcesPostgresCollectionDefinition.Name)]
public sealed class RegisterPagingTests(PostgresServer postgres, ITestOutputHelper output)
{
    private const string Officers = "GET /company/{number}/officers";

    [Fact]
    public async Task Ends_a_read_when_the_register_repeats_a_companys_first_page_of_officers_removing_nothing()
    {
        await using var rig = await RegisterRig.StartAsync(postgres, output, "--register-max-page-size", "10");
        var company = RegisterRig.Number(1);
        for (var i = 0; i < 25; i++)
        {
            await rig.AppointAsync(company, $"PAGED-{i:D2}, Director");
        }

        var first = await rig.SyncOnceAsync(null, "--company", company);
        Assert.Equal(0, first.ExitCode);

        using (var fault = await rig.Sandbox.Client.PostAsJsonAsync(
            "_sandbox/faults/next", new { Kind = "RepeatFirstPage", Count = 10_000, Method = "GET", Path = $"/company/{company}/officers" }))
        {
            fault.EnsureSuccessStatusCode();
        }

        var stats = await rig.Sandbox.GetStatsAsync();
        var run = await rig.SyncOnceAsync(null, "--company", company);
        var calls = (await rig.Sandbox.GetStatsAsync()).Since(stats);

        // The first page, then the same twice: two pages in a row with nothing new end the read.
        Assert.Equal(3, calls.Count(Officers));
        Assert.Contains("Companies House returned the same page twice", run.StandardOutput + run.StandardError, StringComparison.Ordinal);
        Assert.Equal(0, ExactlyOnceRig.Count(run.StandardOutput, "Removed"));
        await using var command = rig.DataSource.CreateCommand("select status, abort_reason from sync_runs order by started_at desc limit 1");
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(("aborted", "source_unavailable"), (reader.GetString(0), reader.GetString(1)));
    }
}
