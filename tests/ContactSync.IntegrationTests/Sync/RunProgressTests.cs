using ContactSync.Core.Nexudus;
using ContactSync.Core.Nexudus.Budget;
using ContactSync.Core.Runs;
using ContactSync.Core.Views;
using ContactSync.IntegrationTests.Infrastructure;
using NSubstitute;

namespace ContactSync.IntegrationTests.Sync;

/// <summary>
/// A running run's progress (its page and the <c>sync-once</c> line): while it still reads its source it promises no
/// end, only a floor; once read, its end comes from the budget left, in days when it is days.
/// </summary>
[Collection(PostgresCollectionDefinition.Name)]
public sealed class RunProgressTests(PostgresServer postgres)
{
    private static readonly DateTimeOffset Now = new(2026, 12, 8, 9, 0, 0, TimeSpan.Zero);

    // A day's writes almost spent: what is left waits for the rolling day.
    private static readonly NexudusBudgetStanding Budget = new(60, 5_000, 60, 100, 120, 1_000, new long[24]);

    [Fact]
    public async Task A_run_still_reading_its_source_promises_only_a_floor()
    {
        await using var harness = await LedgerHarness.CreateAsync(postgres);
        var run = Guid.NewGuid();
        await harness.ExecuteAsync(
            $"""
            insert into sync_runs (id, source, trigger, status, started_at) values ('{run}', 'test', 'test', 'running', now());
            insert into sync_records (source, source_id, line_number, coworker_contract_id, contact_type, desired_payload, desired_hash, status, last_run_id, created_at, updated_at)
            select 'test', 'k' || i, i, 1000 + i, 1, '{"{"}"FullName": "P"{"}"}', md5(i::text), 'pending', '{run}', now(), now() from generate_series(1, 500) i;
            """);
        var details = new RunDetails(harness.DataSource);

        var reading = await details.ProgressAsync(run, "test", Budget, Now, CancellationToken.None);
        Assert.True(reading.StillReading);
        Assert.Equal((0L, 500L), (reading.Done, reading.Remaining));

        await new SyncRunStore(harness.DataSource).MarkReadAsync(run, CancellationToken.None);
        var read = await details.ProgressAsync(run, "test", Budget, Now, CancellationToken.None);
        Assert.False(read.StillReading);
        // 100 writes left today, then the other 400 once the rolling day frees them: more than a day away.
        Assert.True(read.EstimatedEnd > Now + TimeSpan.FromDays(1), $"ends {read.EstimatedEnd}");
    }

    [Fact]
    public async Task A_run_that_has_read_its_source_plans_every_record_before_the_first_push()
    {
        await using var harness = await LedgerHarness.CreateAsync(postgres);
        await harness.WriteCsvAsync([.. Enumerable.Range(1, 1_200).Select(i => $"r{i},{1000 + (i / 4)},Director,Person {i},,,")]);
        var firstPush = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var nextId = 70_000;
        harness.Client.CreateContractContactAsync(default!, default).ReturnsForAnyArgs(async _ =>
        {
            firstPush.TrySetResult();
            await release.Task;
            return WriteResult.Success(Interlocked.Increment(ref nextId));
        });

        var running = harness.RunAsync();
        await firstPush.Task.WaitAsync(TimeSpan.FromMinutes(2));
        var run = await harness.ScalarAsync<Guid>("select id from sync_runs where status = 'running'");
        var progress = await new RunDetails(harness.DataSource).ProgressAsync(run, LedgerHarness.SourceName, Budget, Now, CancellationToken.None);
        release.SetResult();
        var summary = await running.WaitAsync(TimeSpan.FromMinutes(2));

        // Every row was read (three batches) before the first create was sent, so the estimate covers all of them.
        Assert.False(progress.StillReading);
        Assert.Equal(1_200, progress.Planned);
        Assert.True(progress.EstimatedEnd > Now + TimeSpan.FromDays(1), $"ends {progress.EstimatedEnd}");
        Assert.Equal(1_200, summary.Created);
        Assert.NotNull(await harness.ScalarAsync<DateTime?>($"select read_at from sync_runs where id = '{run}'"));
    }

}
