using System.Text.Json;
using ContactSync.IntegrationTests.EndToEnd;
using ContactSync.IntegrationTests.Infrastructure;
using Xunit.Abstractions;
using static ContactSync.IntegrationTests.Alerts.AlertsHost;

namespace ContactSync.IntegrationTests.Alerts;

/// <summary>
/// A run that fails alerts once, signed, to the webhook and to Slack, and the next good run recovers once
/// (<see cref="AlertRecoveryScenario"/>); no post names a person and the host logs neither the secret nor Slack's URL.
/// </summary>
[Collection(SourcesPostgresCollectionDefinition.Name)]
public sealed class AlertRecoveryTests : IClassFixture<AlertRecoveryScenario>
{
    private readonly AlertRecoveryScenario _scenario;

    public AlertRecoveryTests(AlertRecoveryScenario scenario, ITestOutputHelper output)
    {
        _scenario = scenario;
        scenario.Log.CopyTo(output);
    }

    private JsonElement Payload => _scenario.WentBadPayload;

    private Guid RunId => Payload.GetProperty("run").GetProperty("id").GetGuid();

    [Fact]
    public void A_failed_run_alerts_the_webhook_with_run_failed_naming_the_source_and_why()
    {
        Assert.Equal("run_failed", Payload.GetProperty("condition").GetString());
        Assert.Equal(EndToEndWorld.SourceName, Payload.GetProperty("source").GetString());
        Assert.Equal("The latest run of crm was aborted (the source could not be read whole).", Payload.GetProperty("summary").GetString());
    }

    [Fact]
    public void The_alert_names_the_aborted_run_and_links_to_it_and_to_the_sources_failed_records()
    {
        Assert.Equal("aborted", _scenario.WentBadRunStatus);
        Assert.Equal($"{DashboardUrl}/contactsync/runs/{RunId:D}", Payload.GetProperty("links").GetProperty("run").GetString());
        Assert.Equal($"{DashboardUrl}/contactsync/records?source=crm&status=failed", Payload.GetProperty("links").GetProperty("records").GetString());
    }

    [Fact]
    public void The_alert_is_signed_and_carries_its_id_as_the_event_header()
    {
        AssertSigned(_scenario.WentBad, _scenario.WentBadSeenAt);
        Assert.Equal(Payload.GetProperty("id").GetString(), _scenario.WentBad.Headers["X-ContactSync-Event"]);
    }

    [Fact]
    public void The_alert_reaches_Slack_with_a_link_to_the_run()
        => Assert.Contains(
            $"<{DashboardUrl}/contactsync/runs/{RunId:D}|the run>",
            JsonDocument.Parse(_scenario.SlackWentBad.Body).RootElement.GetProperty("text").GetString(),
            StringComparison.Ordinal);

    [Fact]
    public void The_next_good_run_posts_a_signed_recovery_saying_how_the_run_ended()
    {
        AssertSigned(_scenario.Recovered, _scenario.RecoveredSeenAt);
        Assert.Equal("The latest run of crm ended succeeded.", JsonDocument.Parse(_scenario.Recovered.Body).RootElement.GetProperty("summary").GetString());
    }

    [Fact]
    public void The_webhook_takes_one_alert_and_one_recovery_however_many_good_runs_follow()
        => Assert.Equal(["went_bad", "recovered"], _scenario.Posts.Where(post => post.Channel == "hook").Select(post => Kind(post)));

    [Fact]
    public void Slack_takes_one_post_for_the_failure_and_one_for_the_recovery()
        => Assert.Equal(2, _scenario.Posts.Count(post => post.Channel == "slack"));

    [Fact]
    public void No_post_names_a_person_or_an_email()
        => Assert.All(_scenario.Posts, post =>
        {
            Assert.DoesNotContain("Ottoline", post.Body, StringComparison.Ordinal);
            Assert.DoesNotContain("ottoline@example.com", post.Body, StringComparison.Ordinal);
            Assert.DoesNotContain("Quill", post.Body, StringComparison.Ordinal);
        });

    [Fact]
    public void The_host_logs_neither_the_webhook_secret_nor_Slacks_URL()
    {
        Assert.DoesNotContain(Secret, _scenario.HostLog, StringComparison.Ordinal);
        Assert.DoesNotContain("/_sandbox/webhooks/slack", _scenario.HostLog, StringComparison.Ordinal);
    }
}
