using ContactSync.BrowserTests.Browser;
using ContactSync.BrowserTests.Pages;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ContactSync.BrowserTests;

/// <summary>
/// The dashboards as a person uses them, in headless Chromium against the worker host: what each page shows must be
/// what the ledger holds, with nothing personal on it, under a strict content security policy and without script
/// errors; and nobody without the login sees anything.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardTests(DashboardWorld world, ITestOutputHelper output)
{
    private const string RetryLogged = "Operator retry for";
    private static readonly TimeSpan QueuedRunDeadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Anonymous_visitors_are_refused_every_page_and_the_retry()
    {
        await using var session = await world.OpenSessionAsync(credentials: null, output);
        var dashboard = new DashboardPages(session);

        foreach (var path in DashboardPages.ProtectedPaths)
        {
            var response = await dashboard.OpenWithoutLoginAsync(path);
            Assert.True(response.Status == 401, $"{path}: {response.Status}");
            Assert.StartsWith("Basic ", response.Headers.GetValueOrDefault("www-authenticate"), StringComparison.Ordinal);
            Assert.DoesNotContain(DashboardSource.Name, await response.TextAsync(), StringComparison.Ordinal);
        }

        await session.CaptureAsync("anonymous-refused");

        // A rejected record an operator could send back: the refused post leaves it, and logs no retry.
        var record = DashboardSource.Rejected.Keys.First();
        var retriesLogged = Occurrences(world.Worker.StandardOutput, RetryLogged);
        Assert.Equal(401, await dashboard.PostRetryWithoutTokenAsync(DashboardSource.Name, record));
        Assert.Equal("rejected", (await world.Ledger.RecordsAsync())[record]);
        Assert.Equal(retriesLogged, Occurrences(world.Worker.StandardOutput, RetryLogged));
    }

    [Fact]
    public async Task An_operator_sees_the_ledgers_figures_retries_a_failed_record_and_finds_the_run_it_queued()
    {
        await using var session = await world.OpenSessionAsync(DashboardWorld.Operator, output);
        var dashboard = new DashboardPages(session);
        const string source = DashboardSource.Name;

        // The scenario holds what the pages are to show: records synced, rejected and failed, and a row without a key.
        var records = await world.Ledger.RecordsAsync();
        List<string> Keys(string status) => [.. records.Where(record => record.Value == status).Select(record => record.Key).Order(StringComparer.Ordinal)];
        var failed = Keys("failed");
        Assert.Equal(DashboardSource.Changed.Order(StringComparer.Ordinal), failed);
        Assert.Equal(DashboardSource.ValidRows - failed.Count, Keys("synced").Count);
        Assert.Equal(DashboardSource.Rejected.Keys.Order(StringComparer.Ordinal), Keys("rejected"));
        var retried = failed[0];

        // The runs page: both runs of the sync, with the ledger's figures.
        AssertStrictPage(await dashboard.OpenRunsAsync());
        await AssertRunsAsync(dashboard);
        await session.CaptureAsync("runs");

        // Needs attention: the ledger's counts, and every record that is not in step with its reason.
        AssertStrictPage(await dashboard.FollowAttentionLinkAsync());
        await AssertAttentionAsync(dashboard);
        await session.CaptureAsync("attention");

        // A failed record's page: its state, its history (the update that failed, with the reason), and its payload for
        // an operator, escaped; then the newest run's page: what it did, and the records it touched by how they ended.
        AssertStrictPage(await dashboard.FollowRecordLinkAsync(source, retried));
        var facts = await dashboard.FactsAsync();
        Assert.StartsWith("failed", facts["Status"], StringComparison.Ordinal);
        Assert.True(facts.ContainsKey("First failed"), "A failed record's page says when it first failed.");
        var history = await dashboard.HistoryAsync();
        Assert.Contains(history, entry => entry.Operation == "update" && entry.Outcome == "failed" && entry.Reason.Length > 0);
        Assert.Contains(history, entry => entry.Operation == "create" && entry.Outcome == "synced");
        Assert.True(await dashboard.HasButtonAsync("Retry this record"), "An operator can retry a failed record from its page.");
        Assert.True(await dashboard.PayloadShownAsync(), "An operator sees the record's payload.");
        await session.CaptureAsync("record", payloadShown: true);

        AssertStrictPage(await dashboard.FollowRunsLinkAsync());
        var newestRun = (await world.Ledger.RunsAsync())[0];
        AssertStrictPage(await dashboard.FollowRunLinkAsync(newestRun.Id));
        var runFacts = await dashboard.FactsAsync();
        Assert.Equal(newestRun.Status, runFacts["Outcome"].Replace(' ', '_'));
        Assert.Matches(@"^\d+ \(\d+ writes, \d+ reads\)$", runFacts["Nexudus calls"]);
        var byOutcome = await dashboard.RecordsByOutcomeAsync();
        Assert.Equal(failed.Count, byOutcome.GetValueOrDefault("failed"));
        await session.CaptureAsync("run");
        AssertStrictPage(await dashboard.FollowAttentionLinkAsync());

        // The Retry form is protected: the same post without its antiforgery token changes nothing.
        var retriesLogged = Occurrences(world.Worker.StandardOutput, RetryLogged);
        Assert.Equal(400, await dashboard.PostRetryWithoutTokenAsync(source, retried));
        Assert.Equal(records, await world.Ledger.RecordsAsync());
        Assert.Equal(retriesLogged, Occurrences(world.Worker.StandardOutput, RetryLogged));

        // Retry through the button: the record is set back and a run is queued, which the page says.
        var afterRetry = await dashboard.RetryAsync(source, retried);
        AssertStrictPage(afterRetry);
        Assert.Contains("/" + DashboardPages.AttentionPath, afterRetry.Url, StringComparison.Ordinal);
        var notice = await dashboard.NoticeAsync();
        Assert.Matches(@"\b1 record", notice);
        Assert.Contains(source, notice, StringComparison.Ordinal);
        await session.CaptureAsync("retry-queued");

        // Hangfire runs the queued run, which sends the retried update now that Nexudus takes it, and the other failed
        // one with it: every run tries failed records again.
        await Eventually.WaitUntilAsync(
            async () =>
            {
                await world.Worker.Process.ThrowIfExitedAsync("before the retry's run finished");
                return await world.Ledger.RunsAsync() is [{ Finished: true }, _, _];
            },
            QueuedRunDeadline,
            "the run the retry queued has finished");
        var after = await world.Ledger.RecordsAsync();
        Assert.All(failed, key => Assert.Equal("synced", after[key]));
        Assert.Equal(DashboardSource.ValidRows, after.Values.Count(status => status == "synced"));

        AssertStrictPage(await dashboard.FollowAttentionLinkAsync());
        var rows = await AssertAttentionAsync(dashboard);
        Assert.DoesNotContain(rows, row => failed.Contains(row.SourceId));
        await session.CaptureAsync("attention-after-retry");

        AssertStrictPage(await dashboard.FollowRunsLinkAsync());
        var runs = await AssertRunsAsync(dashboard);
        Assert.Equal("job", runs[0]["Trigger"]);
        Assert.Equal(failed.Count, runs[0].Count("Updated"));
        Assert.Equal(0, runs[0].Count("Failed"));
        await session.CaptureAsync("runs-after-retry");

        // Hangfire's pages: reached from the header, framed by nobody, and the queued run among its succeeded jobs.
        AssertHangfirePage(await dashboard.FollowHangfireLinkAsync());
        Assert.True(await dashboard.HangfireLinksToContactSyncAsync(), "Hangfire's menu has no ContactSync link.");
        await session.CaptureAsync("hangfire");
        AssertHangfirePage(await dashboard.OpenHangfireSucceededJobsAsync());
        Assert.Contains($"Sync {source}", await dashboard.TextAsync(), StringComparison.Ordinal);
        await session.CaptureAsync("hangfire-succeeded");

        session.AssertNoErrors();
    }

    [Fact]
    public async Task A_viewer_reads_the_pages_but_sees_no_payload_and_cannot_retry()
    {
        await using var session = await world.OpenSessionAsync(DashboardWorld.Viewer, output);
        var dashboard = new DashboardPages(session);
        var record = DashboardSource.Rejected.Keys.Order(StringComparer.Ordinal).First();

        AssertStrictPage(await dashboard.OpenRunsAsync());
        Assert.False(await dashboard.HasButtonAsync($"Run {DashboardSource.Name} now"), "A viewer is offered no run.");
        AssertStrictPage(await dashboard.FollowAttentionLinkAsync());
        Assert.False(await dashboard.HasButtonAsync("Retry"), "A viewer is offered no retry.");
        AssertStrictPage(await dashboard.FollowRecordLinkAsync(DashboardSource.Name, record));
        Assert.StartsWith("rejected", (await dashboard.FactsAsync())["Status"], StringComparison.Ordinal);
        Assert.False(await dashboard.PayloadShownAsync(), "A viewer sees no payload.");
        Assert.False(await dashboard.HasButtonAsync("Retry this record"), "A viewer is offered no retry.");
        await session.CaptureAsync("record-as-viewer");

        // Posted anyway, with a valid token from the viewer's own page: refused, and nothing changes.
        Assert.Equal(403, await dashboard.PostRetryWithPageTokenAsync(DashboardSource.Name, record));
        Assert.Equal("rejected", (await world.Ledger.RecordsAsync())[record]);
        session.AssertNoErrors();
    }

    /// <summary>The runs table against <c>sync_runs</c>, newest first; the newest run's figures against the records too.</summary>
    private async Task<IReadOnlyList<RunRow>> AssertRunsAsync(DashboardPages dashboard)
    {
        var expected = await world.Ledger.RunsAsync();
        var shown = await dashboard.RunRowsAsync();
        Assert.Equal(expected.Select(run => run.Id), shown.Select(row => row.Id));
        foreach (var (run, row) in expected.Zip(shown))
        {
            Assert.Equal(DashboardSource.Name, row["Source"]);
            Assert.Equal(run.Trigger, row["Trigger"]);
            Assert.Equal(run.Status, row["Outcome"]);
            Assert.Equal(run.Total, row.Count("Total"));
            Assert.Equal(run.Created, row.Count("Created"));
            Assert.Equal(run.Updated, row.Count("Updated"));
            Assert.Equal(run.Rejected, row.Count("Rejected"));
            Assert.Equal(run.Failed, row.Count("Failed"));
            Assert.Equal(run.Unkeyed, row.Count("Unkeyed rejections"));
        }

        // The newest run's failures are the records it could not send (failed, or left waiting or in flight); its
        // rejections count the rows it could not key as well as the records it rejected.
        var newest = shown[0];
        Assert.Equal("completed_with_errors", newest["Outcome"]);
        Assert.Equal(
            await world.Ledger.CountAsync("failed") + await world.Ledger.CountAsync("pending") + await world.Ledger.CountAsync("in_flight"),
            newest.Count("Failed"));
        Assert.Equal(DashboardSource.Unkeyed, newest.Count("Unkeyed rejections"));
        Assert.Equal(await world.Ledger.CountAsync("rejected") + DashboardSource.Unkeyed, newest.Count("Rejected"));
        return shown;
    }

    /// <summary>The attention page's figures and rows against the records; each rejection's reason names its column.</summary>
    private async Task<IReadOnlyList<AttentionRow>> AssertAttentionAsync(DashboardPages dashboard)
    {
        var records = await world.Ledger.RecordsAsync();
        long Count(string status) => records.Values.Count(value => value == status);
        var summary = await dashboard.AttentionSummaryAsync(DashboardSource.Name);
        Assert.Equal(
            new AttentionSummary(Count("failed"), Count("in_flight"), Count("pending"), Count("rejected"), Count("conflict"), await world.Ledger.UnkeyedInLatestRunAsync()),
            summary);

        var rows = await dashboard.AttentionRowsAsync(DashboardSource.Name);
        Assert.Equal(
            records.Where(record => record.Value != "synced").Select(record => (record.Key, record.Value)).Order(),
            rows.Select(row => (row.SourceId, row.Status)).Order());
        Assert.All(rows, row => Assert.False(string.IsNullOrWhiteSpace(row.Reason), $"{row.SourceId} is {row.Status} without a reason."));
        foreach (var row in rows.Where(row => row.Status == "rejected"))
        {
            Assert.Contains(DashboardSource.Rejected[row.SourceId], row.Reason, StringComparison.Ordinal);
        }

        return rows;
    }

    /// <summary>The product's own pages: answered, and under a policy that allows no script, no framing and no foreign form target.</summary>
    private static void AssertStrictPage(IResponse response)
    {
        Assert.True(response.Status == 200, $"{response.Url}: {response.Status}");
        var problems = ContentSecurityPolicy.Parse(response.Headers.GetValueOrDefault("content-security-policy")).Problems();
        Assert.True(problems.Count == 0, $"{response.Url}: the content security policy is not strict: {string.Join("; ", problems)}");
        Assert.Equal("nosniff", response.Headers.GetValueOrDefault("x-content-type-options"));
    }

    /// <summary>Hangfire's pages run their own inline scripts, so only framing, sniffing and form targets are held.</summary>
    private static void AssertHangfirePage(IResponse response)
    {
        Assert.True(response.Status == 200, $"{response.Url}: {response.Status}");
        var policy = response.Headers.GetValueOrDefault("content-security-policy") ?? "";
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("form-action 'self'", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValueOrDefault("x-content-type-options"));
    }

    private static int Occurrences(string text, string fragment)
        => (text.Length - text.Replace(fragment, "", StringComparison.Ordinal).Length) / fragment.Length;
}
