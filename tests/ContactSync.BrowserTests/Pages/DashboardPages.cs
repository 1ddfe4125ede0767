using System.Globalization;
using System.Text.RegularExpressions;
using ContactSync.BrowserTests.Browser;
using Microsoft.Playwright;

namespace ContactSync.BrowserTests.Pages;

/// <summary>
/// Everything the tests know about the dashboard's markup: paths, links, tables, forms. The pages are plain server-
/// rendered HTML and will be rebuilt; when they change, this class changes and the tests do not. Selectors go by
/// what a person sees (link and button names, column headings, the source's heading), never by position or style.
/// </summary>
internal sealed partial class DashboardPages(BrowserSession session)
{
    public const string RunsPath = "contactsync/";
    public const string AttentionPath = "contactsync/attention";
    public const string RetryPath = "contactsync/retry";
    public const string HangfirePath = "hangfire";
    public const string HangfireSucceededPath = "hangfire/jobs/succeeded";

    /// <summary>Every page an anonymous visitor must be refused.</summary>
    public static readonly IReadOnlyList<string> ProtectedPaths = [RunsPath, AttentionPath, HangfirePath, "contactsync/api/runs"];

    /// <summary>As long as Playwright's own default for an action.</summary>
    private static readonly TimeSpan LoadDeadline = TimeSpan.FromSeconds(30);

    private IPage Page => session.Page;

    /// <summary>Opens a path as if typed into the address bar; the answer to the document request.</summary>
    public async Task<IResponse> OpenAsync(string path)
        => await Page.GotoAsync(path) ?? throw new InvalidOperationException($"No response for {path}.");

    public Task<IResponse> OpenRunsAsync() => OpenAsync(RunsPath);

    /// <summary>
    /// Opens a path without a login to give: asked for one, Chromium ends the navigation (net::ERR_INVALID_AUTH_CREDENTIALS)
    /// where a person's browser would prompt. The server's answer is the document response that came first.
    /// </summary>
    public async Task<IResponse> OpenWithoutLoginAsync(string path)
    {
        var answer = Page.WaitForResponseAsync(response => response.Request.IsNavigationRequest && response.Request.Frame == Page.MainFrame);
        try
        {
            await Page.GotoAsync(path);
        }
        catch (PlaywrightException ex) when (ex.Message.Contains("ERR_INVALID_AUTH_CREDENTIALS", StringComparison.Ordinal))
        {
        }

        return await answer;
    }

    /// <summary>The "Needs attention" link in the page header.</summary>
    public Task<IResponse> FollowAttentionLinkAsync() => FollowAsync(() => HeaderLink("Needs attention").ClickAsync());

    /// <summary>The "Runs" link in the page header.</summary>
    public Task<IResponse> FollowRunsLinkAsync() => FollowAsync(() => HeaderLink("Runs").ClickAsync());

    /// <summary>A run's page, through its start time's link on the runs page.</summary>
    public Task<IResponse> FollowRunLinkAsync(Guid run)
        => FollowAsync(() => Page.Locator($"a[href$='/contactsync/runs/{run:D}']").First.ClickAsync());

    /// <summary>A record's page, through its key's link in the attention table.</summary>
    public Task<IResponse> FollowRecordLinkAsync(string source, string sourceId)
        => FollowAsync(() => SourceTable(source).GetByRole(AriaRole.Link, new() { Name = sourceId, Exact = true }).ClickAsync());

    /// <summary>The facts a run's or a record's page lists, by their label.</summary>
    public async Task<IReadOnlyDictionary<string, string>> FactsAsync()
    {
        var labels = await Page.Locator("dl.facts dt").AllInnerTextsAsync();
        var values = await Page.Locator("dl.facts dd").AllInnerTextsAsync();
        return labels.Zip(values).ToDictionary(pair => pair.First.Trim(), pair => pair.Second.Trim(), StringComparer.Ordinal);
    }

    /// <summary>A record's history: operation, outcome and reason of each event, newest first.</summary>
    public async Task<IReadOnlyList<(string Operation, string Outcome, string Reason)>> HistoryAsync()
    {
        var table = Page.Locator("table").Filter(new() { Has = Page.GetByRole(AriaRole.Columnheader, new() { Name = "Operation" }) });
        return [.. (await TableAsync(table)).Select(cells => (cells["Operation"], cells["Outcome"].Replace(' ', '_'), cells["Reason"]))];
    }

    /// <summary>The counts of a run's page: the records it touched by how they ended.</summary>
    public async Task<IReadOnlyDictionary<string, long>> RecordsByOutcomeAsync()
    {
        var table = Page.Locator("table").Filter(new() { Has = Page.GetByRole(AriaRole.Columnheader, new() { Name = "Ended" }) });
        return (await TableAsync(table)).ToDictionary(
            cells => cells["Ended"].Replace(' ', '_'), cells => long.Parse(cells["Records"], NumberStyles.AllowThousands, CultureInfo.InvariantCulture), StringComparer.Ordinal);
    }

    /// <summary>Whether the page offers a button with this name (operators' actions).</summary>
    public async Task<bool> HasButtonAsync(string name) => await Page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true }).CountAsync() > 0;

    /// <summary>Presses a button of the page (an action form); the answer to the page it ends on.</summary>
    public Task<IResponse> PressAsync(string name) => FollowAsync(() => Page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true }).ClickAsync());

    /// <summary>The "Hangfire" link in the page header.</summary>
    public Task<IResponse> FollowHangfireLinkAsync() => FollowAsync(() => HeaderLink("Hangfire").ClickAsync());

    public Task<IResponse> OpenHangfireSucceededJobsAsync() => OpenAsync(HangfireSucceededPath);

    /// <summary>The runs table, newest first: each row's cells by column heading.</summary>
    public async Task<IReadOnlyList<RunRow>> RunRowsAsync()
    {
        var table = Page.Locator("table").Filter(new() { Has = Page.GetByRole(AriaRole.Columnheader, new() { Name = "Outcome" }) });
        var rows = await TableAsync(table);
        var links = await table.Locator("tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(row => row.querySelector('a[href*=\"/runs/\"]').getAttribute('href'))");
        // Outcomes read as words on the page ("completed with errors"); the ledger's names have underscores.
        return [.. rows.Zip(links, (cells, link) => new RunRow(
            Guid.Parse(RunId().Match(link).Value),
            cells.ToDictionary(cell => cell.Key, cell => cell.Key == "Outcome" ? cell.Value.Replace(' ', '_') : cell.Value, StringComparer.Ordinal)))];
    }

    /// <summary>The figures the attention page gives for a source.</summary>
    public async Task<AttentionSummary> AttentionSummaryAsync(string source)
    {
        var text = await SourceFigures(source).InnerTextAsync();
        var match = AttentionCounts().Match(text);
        Assert.True(match.Success, $"No attention figures for {source} in: {text}");
        long Count(string name) => long.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture);
        return new AttentionSummary(Count("failed"), Count("inflight"), Count("waiting"), Count("rejected"), Count("conflict"), Count("unkeyed"));
    }

    /// <summary>The records the attention page lists for a source: source id, status and reason.</summary>
    public async Task<IReadOnlyList<AttentionRow>> AttentionRowsAsync(string source)
    {
        var rows = await TableAsync(SourceTable(source));
        return [.. rows.Select(cells => new AttentionRow(cells["Source key"], cells["Status"].Replace(' ', '_'), cells["Reason"]))];
    }

    /// <summary>Presses the Retry button on one record's row; the answer to the page it ends on.</summary>
    public Task<IResponse> RetryAsync(string source, string sourceId)
    {
        var row = SourceTable(source).Locator("tbody tr").Filter(new() { Has = Page.GetByRole(AriaRole.Cell, new() { Name = sourceId, Exact = true }) });
        return FollowAsync(() => row.GetByRole(AriaRole.Button, new() { Name = "Retry", Exact = true }).ClickAsync());
    }

    /// <summary>A retry posted with the browser's login but without the form's antiforgery token, as another site's page could.</summary>
    public async Task<int> PostRetryWithoutTokenAsync(string source, string sourceId)
    {
        var form = Page.APIRequest.CreateFormData();
        form.Set("source", source);
        form.Set("sourceId", sourceId);
        var response = await Page.APIRequest.PostAsync(RetryPath, new() { Form = form, MaxRedirects = 0 });
        return response.Status;
    }

    /// <summary>A retry posted with the browser's login and the antiforgery token of the page it is on.</summary>
    public async Task<int> PostRetryWithPageTokenAsync(string source, string sourceId)
    {
        var token = await Page.Locator("input[name='__RequestVerificationToken']").CountAsync() > 0
            ? await Page.Locator("input[name='__RequestVerificationToken']").First.GetAttributeAsync("value")
            : null;
        var form = Page.APIRequest.CreateFormData();
        form.Set("source", source);
        form.Set("sourceId", sourceId);
        if (token is not null)
        {
            form.Set("__RequestVerificationToken", token);
        }

        var response = await Page.APIRequest.PostAsync("contactsync/actions/retry", new() { Form = form, MaxRedirects = 0 });
        return response.Status;
    }

    /// <summary>Whether a record's page shows its payload (operators only).</summary>
    public async Task<bool> PayloadShownAsync() => await Page.Locator("table.payload").CountAsync() > 0;

    /// <summary>The confirmation a page shows after an action, or an empty string.</summary>
    public async Task<string> NoticeAsync()
    {
        var notice = Page.Locator(".notice");
        return await notice.CountAsync() == 0 ? "" : await notice.First.InnerTextAsync();
    }

    /// <summary>Whether Hangfire's menu links back to the product's pages.</summary>
    public async Task<bool> HangfireLinksToContactSyncAsync()
        => await Page.Locator("a[href$='/contactsync']").Filter(new() { HasText = "ContactSync" }).CountAsync() > 0;

    public Task<string> TextAsync() => Page.Locator("body").InnerTextAsync();

    private ILocator HeaderLink(string name) => Page.Locator("header").GetByRole(AriaRole.Link, new() { Name = name, Exact = true });

    /// <summary>A source's heading on the attention page; its figures and its table follow it.</summary>
    private ILocator SourceHeading(string source) => Page.GetByRole(AriaRole.Heading, new() { Name = source, Exact = true, Level = 2 });

    private ILocator SourceFigures(string source) => SourceHeading(source).Locator("xpath=following-sibling::p[1]");

    private ILocator SourceTable(string source) => SourceHeading(source).Locator("xpath=following-sibling::table[1]");

    /// <summary>A table's body rows as cell text by column heading.</summary>
    private static async Task<IReadOnlyList<IReadOnlyDictionary<string, string>>> TableAsync(ILocator table)
    {
        var headings = await table.Locator("thead th").AllInnerTextsAsync();
        var rows = new List<IReadOnlyDictionary<string, string>>();
        foreach (var row in await table.Locator("tbody tr").AllAsync())
        {
            var cells = await row.Locator("td").AllInnerTextsAsync();
            rows.Add(headings.Zip(cells).Where(pair => pair.First.Length > 0)
                .ToDictionary(pair => pair.First.Trim(), pair => pair.Second.Trim(), StringComparer.Ordinal));
        }

        return rows;
    }

    /// <summary>
    /// Does something that navigates, and returns the answer to the page it ends on (after any redirect) once that page
    /// has loaded. The load event is listened for before the action: asking for the load state afterwards can miss an
    /// event that lands between the client's check and its subscription, and then waits out its whole timeout.
    /// </summary>
    private async Task<IResponse> FollowAsync(Func<Task> action)
    {
        var loaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLoad(object? sender, IPage page) => loaded.TrySetResult();
        Page.Load += OnLoad;
        try
        {
            var response = await Page.RunAndWaitForResponseAsync(
                action,
                response => response.Request.IsNavigationRequest && response.Request.Frame == Page.MainFrame && response.Status is < 300 or >= 400);
            await loaded.Task.WaitAsync(LoadDeadline);
            return response;
        }
        finally
        {
            Page.Load -= OnLoad;
        }
    }

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex RunId();

    [GeneratedRegex(@"(?<failed>\d+) failed, (?<inflight>\d+) in flight, (?<waiting>\d+) waiting, (?<rejected>\d+) rejected, (?<conflict>\d+) in conflict, (?<unkeyed>\d+) rows without a usable key")]
    private static partial Regex AttentionCounts();
}

/// <summary>One row of the runs table.</summary>
internal sealed record RunRow(Guid Id, IReadOnlyDictionary<string, string> Cells)
{
    public string this[string column] => Cells.TryGetValue(column, out var value)
        ? value
        : throw new KeyNotFoundException($"No '{column}' column; the runs table has {string.Join(", ", Cells.Keys)}.");

    public int Count(string column) => int.Parse(this[column], NumberStyles.None, CultureInfo.InvariantCulture);
}

internal sealed record AttentionSummary(long Failed, long InFlight, long Waiting, long Rejected, long Conflicts, long Unkeyed);

internal sealed record AttentionRow(string SourceId, string Status, string Reason);
