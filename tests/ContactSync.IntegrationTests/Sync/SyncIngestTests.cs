using ContactSync.Core.Nexudus.Model;
using ContactSync.IntegrationTests.Infrastructure;
using NSubstitute;

namespace ContactSync.IntegrationTests.Sync;

[Collection(PostgresCollectionDefinition.Name)]
public sealed class SyncIngestTests(PostgresServer postgres)
{
    [Fact]
    public async Task Records_rows_without_a_source_id_while_the_source_is_still_being_read()
    {
        await using var harness = await LedgerHarness.CreateAsync(postgres);
        // 1,200 rows no run can key, then the first row naming a country: mapping it is what asks Nexudus for countries,
        // so the ledger at that moment shows what the run has stored of the rows before it.
        var unkeyed = Enumerable.Range(0, 1200).Select(i => $",1001,Director,Person {i},,,");
        await harness.WriteCsvAsync([.. unkeyed, "a1,1001,Director,Ada Fenwick,,,GB"]);
        long? storedBeforeTheLastRow = null;
        harness.Client.ListCountriesAsync(default).ReturnsForAnyArgs(async _ =>
        {
            storedBeforeTheLastRow = await harness.ScalarAsync<long>("select count(*) from sync_rejections");
            return (IReadOnlyList<Country>)[new Country(1191, "United Kingdom", "GB")];
        });

        var summary = await harness.RunAsync();

        Assert.Equal((1, 1200, 1201), (summary.Created, summary.Rejected, summary.Total));
        // Written in batches of 500 as they are read, not held until the end of the source.
        Assert.Equal(1000, storedBeforeTheLastRow);
    }
}
