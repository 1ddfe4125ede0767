using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ContactSync.IntegrationTests.EndToEnd;
using Npgsql;

namespace ContactSync.IntegrationTests.Alerts;

/// <summary>
/// What the alerts end-to-end tests share: the worker host's settings (a CSV source run every two seconds, alerts to
/// the Sandbox's webhook receiver at <c>/_sandbox/webhooks</c>, standing in for the webhook and for Slack), what the
/// receiver was sent, and the ledger's runs and outbox.
/// </summary>
internal static class AlertsHost
{
    public const string Secret = "end-to-end-webhook-secret";
    public const string DashboardUrl = "https://contactsync.example.com";
    public static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    public static Dictionary<string, string> HostEnvironment(EndToEndWorld world)
    {
        var environment = world.WorkerEnvironment("*/2 * * * * *");
        environment["Hangfire__QueuePollInterval"] = "00:00:01";
        environment["Alerts__WebhookUrl"] = new Uri(world.Sandbox.BaseUrl, "_sandbox/webhooks/hook").ToString();
        environment["Alerts__WebhookSecret"] = Secret;
        environment["Alerts__SlackWebhookUrl"] = new Uri(world.Sandbox.BaseUrl, "_sandbox/webhooks/slack").ToString();
        environment["Alerts__DashboardUrl"] = DashboardUrl;
        environment["Alerts__EvaluateEvery"] = "00:00:01";
        environment["Alerts__RetryDelay"] = "00:00:01";
        environment["Alerts__MaxRetryDelay"] = "00:00:02";
        // Runs every two seconds on a busy machine may bunch up: being late is not what these tests are about.
        environment["Alerts__OverdueGrace"] = "100";
        return environment;
    }

    /// <summary>
    /// The receiver checks what docs/alerts-and-metrics.md tells receivers to: the HMAC over timestamp + "." + body, and
    /// a timestamp fresh when the post was seen (<paramref name="seenAt"/>).
    /// </summary>
    public static void AssertSigned(ReceivedPost post, DateTimeOffset seenAt)
    {
        var timestamp = post.Headers["X-ContactSync-Timestamp"];
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(timestamp + "." + post.Body)));
        Assert.Equal(expected, post.Headers["X-ContactSync-Signature"]);
        var age = seenAt - DateTimeOffset.FromUnixTimeSeconds(long.Parse(timestamp, CultureInfo.InvariantCulture));
        Assert.True(age.Duration() < TimeSpan.FromMinutes(5), $"the timestamp was {age} old when the post was seen");
        Assert.StartsWith("application/json", post.Headers["Content-Type"], StringComparison.Ordinal);
    }

    public static Func<ReceivedPost, bool> AlertKindIs(string kind) => post => Kind(post) == kind;

    public static string? Kind(ReceivedPost post) => JsonDocument.Parse(post.Body).RootElement.GetProperty("kind").GetString();

    public static async Task<ReceivedPost> WaitForAsync(
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

    public static async Task<IReadOnlyList<ReceivedPost>> PostsAsync(EndToEndWorld world) =>
        await world.Sandbox.Client.GetFromJsonAsync<List<ReceivedPost>>("_sandbox/webhooks") ?? [];

    public static async Task AnswerAsync(EndToEndWorld world, int status)
    {
        using var response = await world.Sandbox.Client.PutAsJsonAsync("_sandbox/webhooks/answer", new { Status = status });
        response.EnsureSuccessStatusCode();
    }

    public static async Task WriteWholeAsync(ContactCsv csv, string path)
    {
        // Whole or not at all: a run must never read the file half written.
        var partial = path + ".partial";
        await csv.WriteAsync(partial);
        File.Move(partial, path);
    }

    public static async Task<long> FinishedRunsAsync(EndToEndWorld world)
    {
        await using var connection = new NpgsqlConnection(world.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from sync_runs where finished_at is not null and status <> 'skipped'", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Waits until <paramref name="more"/> runs beyond those finished now have finished, the host running throughout.</summary>
    public static async Task WaitForMoreRunsAsync(EndToEndWorld world, WorkerProcess host, int more, string because)
    {
        var finished = await FinishedRunsAsync(world);
        await Eventually.WaitUntilAsync(
            async () =>
            {
                await host.Process.ThrowIfExitedAsync(because);
                return await FinishedRunsAsync(world) >= finished + more;
            },
            Deadline, $"{more} more runs have finished");
    }

    public static async Task<string?> RunStatusAsync(EndToEndWorld world, Guid runId)
    {
        await using var connection = new NpgsqlConnection(world.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select status from sync_runs where id = @id", connection);
        command.Parameters.AddWithValue("id", runId);
        return (string?)await command.ExecuteScalarAsync();
    }

    public static async Task<IReadOnlyList<(Guid EventId, string Target, int Attempts, bool Delivered, bool Dead, string? LastError)>> OutboxAsync(EndToEndWorld world)
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
}

/// <summary>One post the Sandbox's webhook receiver took, as it answered it.</summary>
public sealed record ReceivedPost(int Sequence, string Channel, int AnsweredStatus, Dictionary<string, string> Headers, string Body);
