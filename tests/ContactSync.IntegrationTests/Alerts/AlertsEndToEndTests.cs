using ContactSync.IntegrationTests.EndToEnd;
using ContactSync.IntegrationTests.Infrastructure;
using Xunit.Abstractions;
using static ContactSync.IntegrationTests.Alerts.AlertsHost;

namespace ContactSync.IntegrationTests.Alerts;

/// <summary>
/// Alerts end to end: the worker host scheduling runs of a CSV source every two seconds against the Sandbox, and the
/// Sandbox's webhook receiver (<c>/_sandbox/webhooks</c>) standing in for the webhook and for Slack.
/// </summary>
[Collection(SourcesPostgresCollectionDefinition.Name)]
public sealed class AlertsEndToEndTests(PostgresServer postgres, ITestOutputHelper output)
{
    [Fact]
    public async Task An_alert_the_receiver_refuses_waits_in_the_outbox_through_a_restart_and_is_delivered_once_when_it_answers()
    {
        await using var world = await EndToEndWorld.StartAsync(postgres);
        await AnswerAsync(world, 500);
        var environment = HostEnvironment(world);

        await using (var first = new WorkerProcess(environment, "run", "--urls", $"http://127.0.0.1:{FreeTcpPort.Next()}"))
        {
            first.Start();
            await Eventually.WaitUntilAsync(
                async () =>
                {
                    await first.Process.ThrowIfExitedAsync("while the receiver refused its alerts");
                    return (await PostsAsync(world)).Count(post => post.Channel == "hook") >= 2;
                },
                Deadline, "the webhook has refused the alert twice");
            first.SignalTerm();
            await first.WaitForExitAsync(TimeSpan.FromSeconds(40));
        }

        var waiting = await OutboxAsync(world);
        Assert.Equal(["slack", "webhook"], waiting.Select(row => row.Target).Order());
        Assert.All(waiting, row => Assert.False(row.Delivered || row.Dead, $"{row.Target} should still wait"));
        var eventId = Assert.Single(waiting.Select(row => row.EventId).Distinct());

        await AnswerAsync(world, 200);
        await using var second = new WorkerProcess(environment, "run", "--urls", $"http://127.0.0.1:{FreeTcpPort.Next()}");
        second.Start();
        await WaitForAsync(world, second, "hook", 200, _ => true, "the waiting alert reaches the webhook");
        var deliveredAt = TimeProvider.System.GetUtcNow();
        await WaitForAsync(world, second, "slack", 200, _ => true, "the waiting alert reaches Slack");
        // Three more (failing) runs: the delivered alert is not sent again.
        await WaitForMoreRunsAsync(world, second, 3, "after the receiver came back");
        second.SignalTerm();
        await second.WaitForExitAsync(TimeSpan.FromSeconds(40));

        var posts = await PostsAsync(world);
        output.WriteLine(string.Join(Environment.NewLine, posts.Select(post => $"{post.Channel} {post.AnsweredStatus} {post.Headers.GetValueOrDefault("X-ContactSync-Event")}")));
        var webhook = posts.Where(post => post.Channel == "hook").ToList();
        Assert.All(webhook, post => Assert.Equal(eventId.ToString("D"), post.Headers["X-ContactSync-Event"]));
        Assert.Single(webhook, post => post.AnsweredStatus == 200);
        Assert.Single(posts, post => post.Channel == "slack" && post.AnsweredStatus == 200);
        AssertSigned(webhook.Single(post => post.AnsweredStatus == 200), deliveredAt);
        var delivered = await OutboxAsync(world);
        Assert.Equal(2, delivered.Count);
        Assert.All(delivered, row => Assert.True(row.Delivered, $"{row.Target} was not delivered: {row.LastError}"));
        Assert.Contains(delivered, row => row.Target == "webhook" && row.Attempts >= 3);
    }

    [Fact]
    public async Task Bad_alert_settings_stop_the_start_naming_each_key_and_never_echo_a_URL()
    {
        await using var world = await EndToEndWorld.StartAsync(postgres);
        var environment = world.WorkerEnvironment();
        environment["Alerts__WebhookUrl"] = "ftp://hooks.example.com/secret-path";
        environment["Alerts__SlackWebhookUrl"] = "hooks.slack.com/services/T0/B0/not-a-real-token-7f3a";
        environment["Alerts__RejectedShareThreshold"] = "0";
        environment["Alerts__OverdueGrace"] = "1";

        await using var worker = new WorkerProcess(environment, "run", "--urls", $"http://127.0.0.1:{FreeTcpPort.Next()}");
        var result = await worker.RunToExitAsync(TimeSpan.FromSeconds(60));

        Assert.True(result.ExitCode == 2, result.Output);
        foreach (var key in new[] { "WebhookUrl", "SlackWebhookUrl", "WebhookSecret", "DashboardUrl", "RejectedShareThreshold", "OverdueGrace" })
        {
            Assert.Contains($"Configuration error: Alerts:{key} ", result.StandardError, StringComparison.Ordinal);
            Assert.Contains($"(env Alerts__{key})", result.StandardError, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("secret-path", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("not-a-real-token-7f3a", result.Output, StringComparison.Ordinal);
    }
}
