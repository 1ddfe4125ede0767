using System.Text.Json;
using ContactSync.IntegrationTests.EndToEnd;
using ContactSync.IntegrationTests.Infrastructure;
using Xunit.Abstractions;
using static ContactSync.IntegrationTests.Alerts.AlertsHost;

namespace ContactSync.IntegrationTests.Alerts;

/// <summary>
/// A source that goes bad and recovers, lived through once for the tests of a class: the worker host runs a CSV source
/// every two seconds while its file is missing, so every run is aborted and the run_failed condition alerts the webhook
/// and Slack; then the file arrives, a run succeeds and the condition recovers; three more good runs follow before the
/// host is stopped. The alert and the recovery as first seen, and every post the receiver took, are kept here.
/// </summary>
public sealed class AlertRecoveryScenario(PostgresServer postgres, IMessageSink sink) : IAsyncLifetime
{
    public ScenarioLog Log { get; } = new(sink);

    /// <summary>The first run_failed alert the webhook took, when it was seen, and its payload.</summary>
    public ReceivedPost WentBad { get; private set; } = Nothing;

    public DateTimeOffset WentBadSeenAt { get; private set; }

    public JsonElement WentBadPayload { get; private set; }

    /// <summary>The status the ledger gives the run the alert names, read when the alert was seen.</summary>
    public string? WentBadRunStatus { get; private set; }

    /// <summary>The first Slack post about the failed run.</summary>
    public ReceivedPost SlackWentBad { get; private set; } = Nothing;

    /// <summary>The first recovery the webhook took, and when it was seen.</summary>
    public ReceivedPost Recovered { get; private set; } = Nothing;

    public DateTimeOffset RecoveredSeenAt { get; private set; }

    /// <summary>Every post the receiver took, in order, once the host has stopped.</summary>
    public IReadOnlyList<ReceivedPost> Posts { get; private set; } = [];

    /// <summary>Everything the host wrote to standard output and error.</summary>
    public string HostLog { get; private set; } = "";

    private static ReceivedPost Nothing => new(0, "", 0, [], "{}");

    public async Task InitializeAsync()
    {
        await using var world = await EndToEndWorld.StartAsync(postgres);
        await using var host = new WorkerProcess(HostEnvironment(world), "run", "--urls", $"http://127.0.0.1:{FreeTcpPort.Next()}");
        host.Start();

        // The source file is missing, so every run is aborted.
        WentBad = await WaitForAsync(world, host, "hook", 200, AlertKindIs("went_bad"), "a run_failed alert reaches the webhook");
        WentBadSeenAt = TimeProvider.System.GetUtcNow();
        WentBadPayload = JsonDocument.Parse(WentBad.Body).RootElement.Clone();
        WentBadRunStatus = await RunStatusAsync(world, WentBadPayload.GetProperty("run").GetProperty("id").GetGuid());
        SlackWentBad = await WaitForAsync(world, host, "slack", 200, post => post.Body.Contains("run failed", StringComparison.Ordinal), "it reaches Slack");
        Log.WriteLine($"the run_failed alert has reached the webhook and Slack; its run is {WentBadRunStatus}");

        // The file arrives: the next run succeeds, and the condition recovers.
        var csv = new ContactCsv()
            .Add("alert-1", 1001, ContactKind.Director, "Ottoline Verity", "ottoline@example.com", "1971-02-03", "GB")
            .Add("alert-2", 1002, ContactKind.NominatedRecipient, "Bertram Quill");
        await WriteWholeAsync(csv, world.CsvPath);
        Recovered = await WaitForAsync(world, host, "hook", 200, AlertKindIs("recovered"), "the run_failed recovery reaches the webhook");
        RecoveredSeenAt = TimeProvider.System.GetUtcNow();
        await WaitForAsync(world, host, "slack", 200, post => post.Body.Contains("recovered: run failed", StringComparison.Ordinal), "the recovery reaches Slack");
        Log.WriteLine("the recovery has reached the webhook and Slack");

        // More good runs (each evaluated), to show they say nothing more.
        await WaitForMoreRunsAsync(world, host, 3, "while its runs went on");
        host.SignalTerm();
        await host.WaitForExitAsync(TimeSpan.FromSeconds(40));
        Posts = await PostsAsync(world);
        HostLog = host.StandardOutput + host.StandardError;
        foreach (var post in Posts)
        {
            Log.WriteLine($"{post.Channel} {post.AnsweredStatus} {post.Body}");
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
