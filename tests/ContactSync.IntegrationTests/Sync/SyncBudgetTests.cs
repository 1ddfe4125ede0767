using System.Collections.Concurrent;
using ContactSync.Core.Nexudus;
using ContactSync.Core.Nexudus.Model;
using ContactSync.Core.Runs;
using ContactSync.IntegrationTests.Infrastructure;
using ContactSync.IntegrationTests.Nexudus;
using NSubstitute;

namespace ContactSync.IntegrationTests.Sync;

[Collection(PostgresCollectionDefinition.Name)]
public sealed class SyncBudgetTests(PostgresServer postgres)
{
    [Fact]
    public async Task A_run_that_spends_the_daily_budget_ends_cleanly_and_the_next_run_finishes_without_duplicates()
    {
        await using var harness = await LedgerHarness.CreateAsync(postgres);
        await harness.WriteCsvAsync(
            "a1,1001,Director,Ada Fenwick,,,",
            "a2,1001,Director,Bo Lind,,,",
            "a3,1002,Director,Carla Mendes,,,",
            "a4,1003,Director,Dev Patel,,,",
            "a5,1004,Director,Eve Moreau,,,");
        var gate = BudgetDatabase.Replica(harness.DataSource, o => o.WritesPerDay = 3);
        var sent = new ConcurrentQueue<string>();
        var nextId = 60_000;
        // The gate stands where the HTTP pipeline calls it: before every request leaves.
        harness.Client.CreateContractContactAsync(default!, default).ReturnsForAnyArgs(async call =>
        {
            await gate.AcquireAsync(isWrite: true, call.Arg<CancellationToken>());
            sent.Enqueue(call.Arg<ContractContactPayload>().FullName);
            return WriteResult.Success(Interlocked.Increment(ref nextId));
        });

        var first = await harness.RunAsync();

        Assert.Equal(RunOutcome.BudgetExhausted, first.Outcome);
        Assert.Equal(3, first.Created);
        Assert.Contains("3 writes per day is spent", first.Error, StringComparison.Ordinal);
        Assert.Contains("2 record(s) wait for the next run", first.Error, StringComparison.Ordinal);
        Assert.Equal("budget_exhausted", await harness.ScalarAsync<string>("select status from sync_runs"));
        // Nothing was sent for the others, so none is in doubt: they wait as plain pending records.
        Assert.Equal(2L, await harness.ScalarAsync<long>("select count(*) from sync_records where status = 'pending' and attempts = 0"));

        // A day later the budget has room again.
        await harness.ExecuteAsync("update nexudus_budget_calls set sent_at = sent_at - interval '2 days'");
        var second = await harness.RunAsync();

        Assert.Equal((RunOutcome.Succeeded, 2, 3), (second.Outcome, second.Created, second.Unchanged));
        Assert.Equal(5, sent.Count);
        Assert.Equal(5, sent.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(5L, await harness.ScalarAsync<long>("select count(distinct nexudus_id) from sync_records where status = 'synced'"));
        // Reads were for matching only, never for a look-up after a lost answer: the account once when five contracts
        // had creates, then each of the two contracts left.
        await harness.Client.ReceivedWithAnyArgs(1).ListAllContractContactsAsync(default);
        await harness.Client.ReceivedWithAnyArgs(2).ListContractContactsAsync(default, default);
    }
}
