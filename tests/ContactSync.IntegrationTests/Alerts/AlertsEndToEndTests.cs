using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ContactSync.IntegrationTests.EndToEnd;
using ContactSync.IntegrationTests.Infrastructure;
using Npgsql;
using Xunit.Abstractions;

namespace ContactSync.IntegrationTests.Alerts;

/// <summary>
/// Alerts end to end: the worker host scheduling runs of a CSV source every two seconds against the Sandbox, and the
/// Sandbox's webhook receiver (<c>/_sandbox/webhooks</c>) standing in for the webhook and for Slack.
/// </summary>
[Collection(SourcesPostgresCollectionDefinition.Name)]
public sealed class AlertsEndToEndTests(PostgresServer postgres, ITestOutputHelper output)
{
    private const string Secret = "end-to-end-webhook-secret";
    private const string Dashboard = "https://contactsync.example.com";
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task A_run_that_fails_alerts_once_signed_and_the_next_good_run_recovers_once()
    {
        await using var world = await EndToEndWorld.StartAsync(postgres);
        await using var host = new WorkerProcess(HostEnvironment(world), "run", "--urls", $"http://127.0.0.1:{FreeTcpPort.Next()}");
        host.Start();

        // The source file is missing, so every run is aborted.
        var wentBad = await WaitForAsync(world, host, "hook", 200, AlertKindIs("went_bad"), "a run_failed alert reaches the webhook");
        var slackBad = await WaitForAsync(world, host, "slack", 200, post => post.Body.Contains("run failed", StringComparison.Ordinal), "it reaches Slack");

        var payload = JsonDocument.Parse(wentBad.Body).RootElement;
        Assert.Equal("run_failed", payload.GetProperty("condition").GetString());
        Assert.Equal(EndToEndWorld.SourceName, payload.GetProperty("source").GetString());
        Assert.Equal("The latest run of crm was aborted (the source could not be read whole).", payload.GetProperty("summary").GetString());
        var runId = payload.GetProperty("run").GetProperty("id").GetGuid();
        Assert.Equal("aborted", await RunStatusAsync(world, runId));
        Assert.Equal($"{Dashboard}/contactsync/runs/{runId:D}", payload.GetProperty("links").GetProperty("run").GetString());
        Assert.Equal($"{Dashboard}/contactsync/records?source=crm&status=failed", payload.GetProperty("links").GetProperty("records").GetString());
        AssertSigned(wentBad);
        Assert.Equal(payload.GetProperty("id").GetString(), wentBad.Headers["X-ContactSync-Event"]);
        Assert.Contains($"<{Dashboard}/contactsync/runs/{runId:D}|the run>", JsonDocument.Parse(slackBad.Body).RootElement.GetProperty("text").GetString(), StringComparison.Ordinal);

        // The file arrives: the next run succeeds, and the condition recovers.
        var csv = new ContactCsv()
            .Add("alert-1", 1001, ContactKind.Director, "Ottoline Verity", "ottoline@example.com", "1971-02-03", "GB")
            .Add("alert-2", 1002, ContactKind.NominatedRecipient, "Bertram Quill");
        await WriteWholeAsync(csv, world.CsvPath);
        var recovered = await WaitForAsync(world, host, "hook", 200, AlertKindIs("recovered"), "the run_failed recovery reaches the webhook");
        AssertSigned(recovered);
        Assert.Equal("The latest run of crm ended succeeded.", JsonDocument.Parse(recovered.Body).RootElement.GetProperty("summary").GetString());
        await WaitForAsync(world, host, "slack", 200, post => post.Body.Contains("recovered: run failed", StringComparison.Ordinal), "the recovery reaches Slack");

        // More good runs (each evaluated) say nothing more.
        var finished = await FinishedRunsAsync(world);
        await Eventually.WaitUntilAsync(
            async () =>
            {
                await host.Process.ThrowIfExitedAsync("while its runs went on");
                return await FinishedRunsAsync(world) >= finished + 3;
            },
            Deadline, "three more runs have finished");
        host.SignalTerm();
        await host.WaitForExitAsync(TimeSpan.FromSeconds(40));

        var posts = await PostsAsync(world);
        output.WriteLine(string.Join(Environment.NewLine, posts.Select(post => $"{post.Channel} {post.AnsweredStatus} {post.Body}")));
        Assert.Equal(["went_bad", "recovered"], posts.Where(post => post.Channel == "hook").Select(post => Kind(post)));
        Assert.Equal(2, posts.Count(post => post.Channel == "slack"));
        Assert.All(posts, post =>
        {
            Assert.DoesNotContain("Ottoline", post.Body, StringComparison.Ordinal);
            Assert.DoesNotContain("ottoline@example.com", post.Body, StringComparison.Ordinal);
            Assert.DoesNotContain("Quill", post.Body, StringComparison.Ordinal);
        });
        Assert.DoesNotContain(Secret, host.StandardOutput + host.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("/_sandbox/webhooks/slack", host.StandardOutput + host.StandardError, StringComparison.Ordinal);
    }

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
        await WaitForAsync(world, second, "slack", 200, _ => true, "the waiting alert reaches Slack");
        var finished = await FinishedRunsAsync(world);
        await Eventually.WaitUntilAsync(
            async () =>
            {
                await second.Process.ThrowIfExitedAsync("after the receiver came back");
                return await FinishedRunsAsync(world) >= finished + 3;
            },
            Deadline, "three more (failing) runs have finished");
        second.SignalTerm();
        await second.WaitForExitAsync(TimeSpan.FromSeconds(40));

        var posts = await PostsAsync(world);
        output.WriteLine(string.Join(Environment.NewLine, posts.Select(post => $"{post.Channel} {post.AnsweredStatus} {post.Headers.GetValueOrDefault("X-ContactSync-Event")}")));
        var webhook = posts.Where(post => post.Channel == "hook").ToList();
        Assert.All(webhook, post => Assert.Equal(eventId.ToString("D"), post.Headers["X-ContactSync-Event"]));
        Assert.Single(webhook, post => post.AnsweredStatus == 200);
        Assert.Single(posts, post => post.Channel == "slack" && post.AnsweredStatus == 200);
        AssertSigned(webhook.Single(post => post.AnsweredStatus == 200));
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

    private static Dictionary<string, string> HostEnvironment(EndToEndWorld world)
    {
        var environment = world.WorkerEnvironment("*/2 * * * * *");
        environment["Hangfire__QueuePollInterval"] = "00:00:01";
        environment["Alerts__WebhookUrl"] = new Uri(world.Sandbox.BaseUrl, "_sandbox/webhooks/hook").ToString();
        environment["Alerts__WebhookSecret"] = Secret;
        environment["Alerts__SlackWebhookUrl"] = new Uri(world.Sandbox.BaseUrl, "_sandbox/webhooks/slack").ToString();
        environment["Alerts__DashboardUrl"] = Dashboard;
        environment["Alerts__EvaluateEvery"] = "00:00:01";
        environment["Alerts__RetryDelay"] = "00:00:01";
        environment["Alerts__MaxRetryDelay"] = "00:00:02";
        // Runs every two seconds on a busy machine may bunch up: being late is not what these tests are about.
        environment["Alerts__OverdueGrace"] = "100";
        return environment;
    }

    /// <summary>The receiver checks what docs/alerts-and-metrics.md tells receivers to: the HMAC over timestamp + "." + body, and a fresh timestamp.</summary>
    private static void AssertSigned(ReceivedPost post)
    {
        var timestamp = post.Headers["X-ContactSync-Timestamp"];
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(timestamp + "." + post.Body)));
        Assert.Equal(expected, post.Headers["X-ContactSync-Signature"]);
        var age = TimeProvider.System.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(long.Parse(timestamp, CultureInfo.InvariantCulture));
        Assert.True(age.Duration() < TimeSpan.FromMinutes(5), $"the timestamp is {age} old");
        Assert.StartsWith("application/json", post.Headers["Content-Type"], StringComparison.Ordinal);
    }

    private static Func<ReceivedPost, bool> AlertKindIs(string kind) => post => Kind(post) == kind;

    private static string? Kind(ReceivedPost post) => JsonDocument.Parse(post.Body).RootElement.GetProperty("kind").GetString();

    private static async Task<ReceivedPost> WaitForAsync(
        EndToEndWorld world, WorkerProcess host, string channel, int answered, Func<ReceivedPost, bool> matches, string because)
    {
        ReceivedPost? found = null;
        await Eventually.WaitUntilAsync(
            async () =>
            {
                await host.Process.ThrowIfExitedAsync($"before {because}");
                found = (await PostsAsync(world)).FirstOrDefault(post => post.Channel == channel && post.AnsweredStatus == answered && matches(post));
                return found is not null;
            },
            Deadline, because);
        return found!;
    }

    private static async Task<IReadOnlyList<ReceivedPost>> PostsAsync(EndToEndWorld world) =>
        await world.Sandbox.Client.GetFromJsonAsync<List<ReceivedPost>>("_sandbox/webhooks") ?? [];

    private static async Task AnswerAsync(EndToEndWorld world, int status)
    {
        using var response = await world.Sandbox.Client.PutAsJsonAsync("_sandbox/webhooks/answer", new { Status = status });
        response.EnsureSuccessStatusCode();
    }

    private static async Task WriteWholeAsync(ContactCsv csv, string path)
    {
        // Whole or not at all: a run must never read the file half written.
        var partial = path + ".partial";
        await csv.WriteAsync(partial);
        File.Move(partial, path);
    }

    private static async Task<long> FinishedRunsAsync(EndToEndWorld world)
    {
        await using var connection = new NpgsqlConnection(world.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from sync_runs where finished_at is not null and status <> 'skipped'", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<string?> RunStatusAsync(EndToEndWorld world, Guid runId)
    {
        await using var connection = new NpgsqlConnection(world.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select status from sync_runs where id = @id", connection);
        command.Parameters.AddWithValue("id", runId);
        return (string?)await command.ExecuteScalarAsync();
    }

    private static async Task<IReadOnlyList<(Guid EventId, string Target, int Attempts, bool Delivered, bool Dead, string? LastError)>> OutboxAsync(EndToEndWorld world)
    {
        await using var connection = new NpgsqlConnection(world.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select event_id, target, attempts, delivered_at is not null, dead_at is not null, last_error from alert_outbox order by id", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(Guid, string, int, bool, bool, string?)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetGuid(0), reader.GetString(1), reader.GetInt32(2), reader.GetBoolean(3), reader.GetBoolean(4), reader.IsDBNull(5) ? null : reader.GetString(5)));
        }

        return rows;
    }

    private sealed record ReceivedPost(int Sequence, string Channel, int AnsweredStatus, Dictionary<string, string> Headers, string Body);
}
