using ContactSync.Core.Nexudus;
using ContactSync.Core.Nexudus.Budget;
using ContactSync.IntegrationTests.Infrastructure;

namespace ContactSync.IntegrationTests.Nexudus;

[Collection(PostgresCollectionDefinition.Name)]
public sealed class PostgresNexudusBudgetTests(PostgresServer postgres)
{
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Two_replicas_hammering_one_database_grant_no_more_than_the_per_minute_limit()
    {
        await using var database = await BudgetDatabase.CreateAsync(postgres);
        var replicas = new[] { database.Replica(Limits), database.Replica(Limits) };
        using var stop = new CancellationTokenSource();
        var granted = 0;

        var callers = Enumerable.Range(0, 30).Select(async i =>
        {
            await replicas[i % 2].AcquireAsync(isWrite: true, stop.Token);
            Interlocked.Increment(ref granted);
        }).ToList();
        await Eventually.WaitUntilAsync(() => Task.FromResult(Volatile.Read(ref granted) >= 10), Prompt, "ten writes were granted");

        // The others sleep until the first write leaves the window, a minute away; nobody slipped in meanwhile.
        Assert.Equal(20, callers.Count(c => !c.IsCompleted));
        Assert.Equal(10L, await database.ScalarAsync<long>("select count(*) from nexudus_budget_calls where is_write"));
        Assert.Equal(10, Volatile.Read(ref granted));

        await stop.CancelAsync();
        await Task.WhenAll(callers.Select(c => c.ContinueWith(_ => { }, TaskScheduler.Default)));
        Assert.Equal((10, 20), (callers.Count(c => c.IsCompletedSuccessfully), callers.Count(c => c.IsCanceled)));

        static void Limits(NexudusOptions o)
        {
            o.WritesPerMinute = 10;
            o.CallsPerMinute = 100;
        }
    }

    [Fact]
    public async Task Two_replicas_keep_the_minimum_interval_between_their_calls_by_the_database_clock()
    {
        await using var database = await BudgetDatabase.CreateAsync(postgres);
        var replicas = new[] { database.Replica(Interval), database.Replica(Interval) };

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => replicas[i % 2].AcquireAsync(isWrite: false, CancellationToken.None).AsTask()))
            .WaitAsync(Prompt);

        var sentAt = await database.SentAtAsync();
        Assert.Equal(8, sentAt.Count);
        Assert.All(sentAt.Zip(sentAt.Skip(1)), pair => Assert.True(
            pair.Second - pair.First >= TimeSpan.FromMilliseconds(100) + NexudusBudgetLimits.IntervalGuard,
            $"calls {(pair.Second - pair.First).TotalMilliseconds} ms apart"));

        static void Interval(NexudusOptions o) => o.MinCallInterval = TimeSpan.FromMilliseconds(100);
    }

    [Fact]
    public async Task A_spent_daily_write_budget_ends_every_replica_s_writes_with_the_time_it_frees()
    {
        await using var database = await BudgetDatabase.CreateAsync(postgres);
        var one = database.Replica(o => o.WritesPerDay = 3);
        var two = database.Replica(o => o.WritesPerDay = 3);
        await one.AcquireAsync(isWrite: true, CancellationToken.None);
        await two.AcquireAsync(isWrite: true, CancellationToken.None);
        await one.AcquireAsync(isWrite: true, CancellationToken.None);

        var spent = await Assert.ThrowsAsync<NexudusBudgetExhaustedException>(() => two.AcquireAsync(isWrite: true, CancellationToken.None).AsTask());
        await Assert.ThrowsAsync<NexudusBudgetExhaustedException>(() => one.AcquireAsync(isWrite: true, CancellationToken.None).AsTask());
        await two.AcquireAsync(isWrite: false, CancellationToken.None).AsTask().WaitAsync(Prompt);

        var first = (await database.SentAtAsync())[0];
        Assert.Equal(first + NexudusBudgetLimits.DayWindow, spent.FreesAt);
        Assert.Equal(("writes per day", 3), (spent.Budget, spent.Limit));
    }

    [Fact]
    public async Task A_spent_hourly_call_budget_counts_reads_and_writes_alike()
    {
        await using var database = await BudgetDatabase.CreateAsync(postgres);
        var one = database.Replica(o => o.CallsPerHour = 3);
        var two = database.Replica(o => o.CallsPerHour = 3);
        await one.AcquireAsync(isWrite: true, CancellationToken.None);
        await two.AcquireAsync(isWrite: false, CancellationToken.None);
        await one.AcquireAsync(isWrite: false, CancellationToken.None);

        var spent = await Assert.ThrowsAsync<NexudusBudgetExhaustedException>(() => two.AcquireAsync(isWrite: true, CancellationToken.None).AsTask());

        var first = (await database.SentAtAsync())[0];
        Assert.Equal(first + NexudusBudgetLimits.HourWindow, spent.FreesAt);
        Assert.Equal(("calls per hour", 3), (spent.Budget, spent.Limit));
    }

    [Fact]
    public async Task The_daily_limit_counts_from_the_oldest_write_still_in_the_day_after_older_ones_are_pruned()
    {
        await using var database = await BudgetDatabase.CreateAsync(postgres);
        var gate = database.Replica(o => o.WritesPerDay = 2);
        await gate.AcquireAsync(isWrite: true, CancellationToken.None);
        await database.ExecuteAsync("update nexudus_budget_calls set sent_at = sent_at - interval '25 hours'");

        await gate.AcquireAsync(isWrite: true, CancellationToken.None).AsTask().WaitAsync(Prompt);
        await gate.AcquireAsync(isWrite: true, CancellationToken.None).AsTask().WaitAsync(Prompt);
        var spent = await Assert.ThrowsAsync<NexudusBudgetExhaustedException>(() => gate.AcquireAsync(isWrite: true, CancellationToken.None).AsTask());

        var inTheDay = await database.SentAtAsync();
        Assert.Equal(2, inTheDay.Count);
        Assert.Equal(inTheDay[0] + NexudusBudgetLimits.DayWindow, spent.FreesAt);
    }

    [Fact]
    public async Task A_409_seen_by_one_replica_pauses_the_other_and_slows_both_once_per_episode()
    {
        await using var database = await BudgetDatabase.CreateAsync(postgres);
        var one = database.Replica();
        var two = database.Replica();

        await one.ReportThrottledAsync(TimeSpan.FromSeconds(2), CancellationToken.None);
        await two.ReportThrottledAsync(TimeSpan.FromSeconds(1), CancellationToken.None);
        await two.AcquireAsync(isWrite: false, CancellationToken.None).AsTask().WaitAsync(Prompt);

        var pausedUntil = await database.ScalarAsync<DateTime>("select paused_until from nexudus_budget_throttle");
        var sentAt = Assert.Single(await database.SentAtAsync());
        Assert.True(sentAt.UtcDateTime >= pausedUntil, $"sent at {sentAt:O}, paused until {pausedUntil:O}");
        Assert.Equal(1, await database.ScalarAsync<int>("select slow_level from nexudus_budget_throttle"));
    }

    [Fact]
    public async Task Replicas_of_different_Nexudus_clients_do_not_share_a_budget()
    {
        await using var database = await BudgetDatabase.CreateAsync(postgres);
        var mine = database.Replica(o => o.WritesPerDay = 1);
        var theirs = database.Replica(o => { o.WritesPerDay = 1; o.Username = "someone-else@example.test"; });

        await mine.AcquireAsync(isWrite: true, CancellationToken.None);
        await theirs.AcquireAsync(isWrite: true, CancellationToken.None).AsTask().WaitAsync(Prompt);

        Assert.Equal(2L, await database.ScalarAsync<long>("select count(distinct budget_key) from nexudus_budget_calls"));
        Assert.Equal(0L, await database.ScalarAsync<long>("select count(*) from nexudus_budget_calls where budget_key like '%example%'"));
    }

    [Fact]
    public async Task Prunes_calls_once_they_no_longer_count()
    {
        await using var database = await BudgetDatabase.CreateAsync(postgres);
        var gate = database.Replica();
        await gate.AcquireAsync(isWrite: true, CancellationToken.None);
        await gate.AcquireAsync(isWrite: false, CancellationToken.None);
        await database.ExecuteAsync("update nexudus_budget_calls set sent_at = sent_at - interval '2 hours'");

        await gate.AcquireAsync(isWrite: false, CancellationToken.None);

        // The old read no longer counts for anything; the old write still counts toward the day.
        Assert.Equal(1L, await database.ScalarAsync<long>("select count(*) from nexudus_budget_calls where is_write"));
        Assert.Equal(1L, await database.ScalarAsync<long>("select count(*) from nexudus_budget_calls where not is_write"));
    }
}
