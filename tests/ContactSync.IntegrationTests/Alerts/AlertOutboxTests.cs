using System.Net;
using ContactSync.Core;
using ContactSync.Core.Alerts;
using ContactSync.Core.Nexudus.Budget;
using ContactSync.Core.Sources;
using ContactSync.IntegrationTests.Infrastructure;

namespace ContactSync.IntegrationTests.Alerts;

/// <summary>Alert states, evaluation and the outbox against a real PostgreSQL, with several replicas at once.</summary>
[Collection(PostgresCollectionDefinition.Name)]
public sealed class AlertOutboxTests(PostgresServer postgres)
{
    private static readonly AlertTarget[] BothTargets = [AlertTarget.Webhook, AlertTarget.Slack];

    private static DateTimeOffset Now => TimeProvider.System.GetUtcNow();

    [Fact]
    public async Task Replicas_that_see_the_same_change_at_once_announce_it_once_and_its_recovery_once()
    {
        await using var database = await AlertDatabase.CreateAsync(postgres);
        var replicas = Enumerable.Range(0, 8).Select(_ => database.States()).ToList();
        var now = Now;

        var wentBad = await Task.WhenAll(replicas.Select(states => states.ObserveAsync(Seen(ConditionState.Bad), now, BothTargets, CancellationToken.None)));
        var again = await Task.WhenAll(replicas.Select(states => states.ObserveAsync(Seen(ConditionState.Bad), now, BothTargets, CancellationToken.None)));
        var unknown = await replicas[0].ObserveAsync(Observation.Unknown(AlertConditions.RunFailed, "crm"), now, BothTargets, CancellationToken.None);
        var recovered = await Task.WhenAll(replicas.Select(states => states.ObserveAsync(Seen(ConditionState.Ok), now, BothTargets, CancellationToken.None)));

        var bad = Assert.Single(wentBad, alert => alert is not null)!;
        Assert.Equal(AlertKinds.WentBad, bad.Kind);
        Assert.All(again, Assert.Null);
        Assert.Null(unknown);
        var ok = Assert.Single(recovered, alert => alert is not null)!;
        Assert.Equal(AlertKinds.Recovered, ok.Kind);

        var outbox = await database.OutboxAsync();
        Assert.Equal(
            [(bad.Id, "webhook"), (bad.Id, "slack"), (ok.Id, "webhook"), (ok.Id, "slack")],
            outbox.Select(row => (row.EventId, row.Target)));
        Assert.Equal("The latest run of crm was aborted.", outbox[0].Alert.Summary);
    }

    [Fact]
    public async Task A_condition_first_seen_good_says_nothing_and_one_first_seen_bad_alerts()
    {
        await using var database = await AlertDatabase.CreateAsync(postgres);
        var states = database.States();

        Assert.Null(await states.ObserveAsync(Seen(ConditionState.Ok), Now, BothTargets, CancellationToken.None));
        Assert.NotNull(await states.ObserveAsync(Seen(ConditionState.Bad, source: "register"), Now, BothTargets, CancellationToken.None));

        Assert.Equal(["register", "register"], (await database.OutboxAsync()).Select(row => row.Alert.Source));
    }

    [Fact]
    public async Task The_evaluator_reads_each_sources_latest_telling_run_its_lease_its_held_records_and_the_budget()
    {
        await using var database = await AlertDatabase.CreateAsync(postgres);
        database.Sources.AddRange(
        [
            Source("broken", "0 * * * *"), Source("resumed", "0 * * * *"), Source("late", "0 * * * *"), Source("busy", "0 * * * *"),
            Source("mirror", "0 0 1 1 *"), Source("new", "0 * * * *"),
        ]);
        var heldRun = Guid.NewGuid();
        await database.ExecuteAsync(
            $"""
            insert into sync_runs (id, source, trigger, status, abort_reason, started_at, finished_at, total, rejected) values
              (gen_random_uuid(), 'broken', 'job', 'succeeded', null, now() - interval '20 minutes', now() - interval '19 minutes', 5, 0),
              (gen_random_uuid(), 'broken', 'job', 'aborted', 'source_unavailable', now() - interval '10 minutes', now() - interval '9 minutes', 0, 0),
              (gen_random_uuid(), 'resumed', 'job', 'succeeded', null, now() - interval '20 minutes', now() - interval '19 minutes', 5, 0),
              (gen_random_uuid(), 'resumed', 'job', 'aborted', 'cancelled', now() - interval '10 minutes', now() - interval '9 minutes', 0, 0),
              (gen_random_uuid(), 'resumed', 'job', 'skipped', null, now() - interval '5 minutes', now() - interval '5 minutes', 0, 0),
              (gen_random_uuid(), 'late', 'job', 'succeeded', null, now() - interval '3 days', now() - interval '3 days', 5, 0),
              (gen_random_uuid(), 'busy', 'job', 'succeeded', null, now() - interval '3 days', now() - interval '3 days', 5, 0),
              ('{heldRun}', 'mirror', 'job', 'held', null, now() - interval '2 minutes', now() - interval '1 minute', 40, 1);
            insert into source_leases (source, run_id, acquired_at, renewed_at, expires_at)
              values ('busy', gen_random_uuid(), now(), now(), now() + interval '1 minute');
            insert into alert_states (source, condition, bad, first_seen_at, changed_at) values
              ('late', 'overdue', false, now() - interval '7 days', now() - interval '7 days'),
              ('busy', 'overdue', false, now() - interval '7 days', now() - interval '7 days'),
              ('dropped', 'run_failed', true, now() - interval '7 days', now() - interval '1 day');
            insert into sync_records (source, source_id, status, nexudus_id, last_run_id, created_at, updated_at)
              select 'mirror', 'gone-' || n, 'synced', 9000 + n, gen_random_uuid(), now(), now() from generate_series(1, 3) n;
            insert into sync_records (source, source_id, status, nexudus_id, last_run_id, created_at, updated_at)
              values ('mirror', 'still-there', 'synced', 9100, '{heldRun}', now(), now());
            insert into nexudus_budget_calls (budget_key, sent_at, is_write, call_no, write_no)
              select '{NexudusBudgetKey.For(database.Nexudus)}', now() - interval '1 hour', true, n, n from generate_series(1, 3) n;
            """);

        var raised = await database.Evaluator().EvaluateAsync(CancellationToken.None);

        Assert.Equal(
            [
                ("broken", AlertConditions.RunFailed, AlertKinds.WentBad),
                ("late", AlertConditions.Overdue, AlertKinds.WentBad),
                ("mirror", AlertConditions.RemovalsHeld, AlertKinds.WentBad),
                ((string?)null, AlertConditions.BudgetSpent, AlertKinds.WentBad),
                ("dropped", AlertConditions.RunFailed, AlertKinds.Recovered),
            ],
            raised.Select(alert => (alert.Source, alert.Condition, alert.Kind)));
        Assert.Equal(3, raised.Single(alert => alert.Condition == AlertConditions.RemovalsHeld).Counts["heldRemovals"]);
        Assert.Equal($"{AlertDatabase.Dashboard}/contactsync/runs/{heldRun:D}", raised.Single(alert => alert.Condition == AlertConditions.RemovalsHeld).Links["run"]);
        Assert.Equal("dropped is no longer configured.", raised.Single(alert => alert.Source == "dropped").Summary);
        Assert.Equal(10, (await database.OutboxAsync()).Count);

        // Nothing changed, nothing more to say; the dropped source is forgotten, the new one is now being watched.
        Assert.Empty(await database.Evaluator().EvaluateAsync(CancellationToken.None));
        await using var check = database.NewDataSource().CreateCommand("select string_agg(distinct source, ',' order by source) from alert_states");
        Assert.Equal(",broken,busy,late,mirror,new,resumed", (string?)await check.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Two_dispatchers_deliver_every_alert_once_to_each_target()
    {
        await using var database = await AlertDatabase.CreateAsync(postgres);
        var states = database.States();
        var raised = new List<Guid>();
        for (var i = 0; i < 15; i++)
        {
            raised.Add((await states.ObserveAsync(Seen(ConditionState.Bad, source: $"source-{i}"), Now, BothTargets, CancellationToken.None))!.Id);
        }

        var tried = await Task.WhenAll(database.Delivery().DeliverDueAsync(CancellationToken.None), database.Delivery().DeliverDueAsync(CancellationToken.None));

        Assert.Equal(30, tried.Sum());
        var posts = database.Receiver.Posts;
        Assert.Equal(raised.Order(), posts.Where(post => post.Host == "hooks.example.com").Select(post => post.EventId!.Value).Order());
        Assert.Equal(15, posts.Count(post => post.Host == "hooks.slack.example"));
        Assert.All(await database.OutboxAsync(), row => Assert.True(row.Delivered && row.Attempts == 1, $"row {row.Id}: {row}"));
        Assert.Equal((0L, 0L), await database.Outbox().CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_failing_receiver_holds_its_alerts_back_in_order_until_the_attempts_run_out_and_the_next_goes_once_it_answers()
    {
        await using var database = await AlertDatabase.CreateAsync(postgres);
        database.Options.SlackWebhookUrl = null;
        database.Options.MaxAttempts = 2;
        var states = database.States();
        var first = (await states.ObserveAsync(Seen(ConditionState.Bad), Now, [AlertTarget.Webhook], CancellationToken.None))!;
        var second = (await states.ObserveAsync(Seen(ConditionState.Bad, source: "register"), Now, [AlertTarget.Webhook], CancellationToken.None))!;
        database.Receiver.Status = HttpStatusCode.ServiceUnavailable;

        // The first fails; the second waits behind it rather than being tried against a receiver that is down.
        Assert.Equal(1, await database.Delivery().DeliverDueAsync(CancellationToken.None));
        Assert.Equal(0, await database.Delivery().DeliverDueAsync(CancellationToken.None));
        var afterOne = await database.OutboxAsync();
        Assert.Equal([(1, false, "HTTP 503"), (0, false, null)], afterOne.Select(row => (row.Attempts, row.Dead, row.LastError)));

        // The backoff has passed: the second attempt fails too, and with it the first is given up on.
        await database.ExecuteAsync("update alert_outbox set next_attempt_at = now()");
        Assert.Equal(1, await database.Delivery().DeliverDueAsync(CancellationToken.None));
        Assert.Equal((1L, 1L), await database.Outbox().CountAsync(CancellationToken.None));

        database.Receiver.Status = HttpStatusCode.NoContent;
        await database.ExecuteAsync("update alert_outbox set next_attempt_at = now()");
        Assert.Equal(1, await database.Delivery().DeliverDueAsync(CancellationToken.None));

        var outbox = await database.OutboxAsync();
        Assert.Equal([(first.Id, 2, false, true), (second.Id, 1, true, false)], outbox.Select(row => (row.EventId, row.Attempts, row.Delivered, row.Dead)));
        Assert.Equal([first.Id, first.Id, second.Id], database.Receiver.Posts.Select(post => post.EventId!.Value));
    }

    [Fact]
    public async Task Alerts_raised_too_long_ago_or_for_a_target_no_longer_configured_are_given_up_on_without_a_send()
    {
        await using var database = await AlertDatabase.CreateAsync(postgres);
        await database.States().ObserveAsync(Seen(ConditionState.Bad), Now, BothTargets, CancellationToken.None);
        await database.States().ObserveAsync(Seen(ConditionState.Bad, source: "register"), Now, [AlertTarget.Webhook], CancellationToken.None);
        await database.ExecuteAsync("update alert_outbox set created_at = now() - interval '2 days' where payload like '%\"source\":\"register\"%'");
        database.Options.SlackWebhookUrl = null;

        Assert.Equal(1, await database.Delivery().DeliverDueAsync(CancellationToken.None));

        var outbox = await database.OutboxAsync();
        Assert.Equal(
            [("crm", "webhook", true, false), ("crm", "slack", false, true), ("register", "webhook", false, true)],
            outbox.Select(row => (row.Alert.Source, row.Target, row.Delivered, row.Dead)));
        Assert.Equal("its target is no longer configured", outbox[1].LastError);
        Assert.StartsWith("not delivered within", outbox[2].LastError, StringComparison.Ordinal);
        Assert.Single(database.Receiver.Posts);
    }

    private static Observation Seen(ConditionState state, string source = "crm") => new(
        AlertConditions.RunFailed, source, state, state == ConditionState.Bad ? $"The latest run of {source} was aborted." : $"The latest run of {source} ended succeeded.",
        null, new Dictionary<string, long> { ["total"] = 3 }, new Dictionary<string, string> { ["attention"] = $"{AlertDatabase.Dashboard}/contactsync/attention" });

    private static SourceOptions Source(string name, string schedule) => new() { Name = name, Type = SourceType.Csv, Path = "/dev/null", Schedule = schedule };
}
