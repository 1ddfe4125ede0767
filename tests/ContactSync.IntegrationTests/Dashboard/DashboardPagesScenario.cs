using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ContactSync.Core.Security;
using ContactSync.IntegrationTests.HubSpot;
using ContactSync.IntegrationTests.Infrastructure;
using ContactSync.Testing;
using Xunit.Abstractions;

namespace ContactSync.IntegrationTests.Dashboard;

/// <summary>
/// The operator's pages over a run with every kind of trouble, walked through once for the tests of a class. A CSV
/// source's first run syncs four rows and rejects two (a bad email, a line with no key); its second run fails the two
/// rows that changed, as Nexudus answers their updates 503 until the run gives up on them. A worker then serves the
/// dashboard to an operator (Basic) and a viewer (a hashed login). The operator reads the pages, posts a retry without
/// and with the form's token, waits for the run the retry queues to finish, and asks for a dry run; the viewer reads
/// and tries to act. What each step answered is kept here, in order, for the tests to check.
/// </summary>
public sealed class DashboardPagesScenario(PostgresServer postgres, IMessageSink sink) : IAsyncLifetime
{
    public const string Source = "file";

    /// <summary>The states the records page filters by, besides the file's lines without a key.</summary>
    public static readonly string[] States = ["synced", "failed", "rejected", "pending", "in_flight"];

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private readonly List<(string Path, HttpStatusCode Status)> _pages = [];
    private readonly Dictionary<string, string> _recordsPages = new(StringComparer.Ordinal);

    public ScenarioLog Log { get; } = new(sink);

    /// <summary>Every page opened, in order, with how it was answered.</summary>
    public IReadOnlyList<(string Path, HttpStatusCode Status)> Pages => _pages;

    /// <summary>The source's records after the second run, key → status: what the pages should count.</summary>
    public IReadOnlyDictionary<string, string> Ledger { get; private set; } = new Dictionary<string, string>();

    /// <summary>The records page's text filtered by each of <see cref="States"/> and by "unkeyed", before any action.</summary>
    public IReadOnlyDictionary<string, string> RecordsPages => _recordsPages;

    /// <summary>The records page unfiltered (HTML).</summary>
    public string AllRecordsPage { get; private set; } = "";

    /// <summary>The page of p-3, failed by the second run (HTML).</summary>
    public string FailedRecordPage { get; private set; } = "";

    /// <summary>The page of p-1, synced by the first run, whose name has markup in it (HTML).</summary>
    public string SyncedRecordPage { get; private set; } = "";

    /// <summary>The second run's outcome, as the runs API gives it.</summary>
    public string FailedRunOutcome { get; private set; } = "";

    /// <summary>The second run's page (text).</summary>
    public string FailedRunPage { get; private set; } = "";

    /// <summary>The runs page (HTML) and its Content-Security-Policy headers.</summary>
    public string RunsPage { get; private set; } = "";

    public IReadOnlyList<string> RunsPagePolicies { get; private set; } = [];

    /// <summary>The answer to a retry posted without the form's token.</summary>
    public HttpStatusCode UntokenedRetryStatus { get; private set; }

    /// <summary>The answer to the retry of p-3 posted with the form's token, and where it sent the operator.</summary>
    public HttpStatusCode RetryStatus { get; private set; }

    public string RetryLocation { get; private set; } = "";

    /// <summary>The run the retry queued (a Hangfire job), once finished: its id and page (HTML).</summary>
    public Guid RetryRun { get; private set; }

    public string RetryRunPage { get; private set; } = "";

    /// <summary>The Hangfire job the retry run's page links to, and that job's page (HTML).</summary>
    public string RetryJob { get; private set; } = "";

    public string RetryJobPage { get; private set; } = "";

    /// <summary>The page of p-3 after the retry's run (text).</summary>
    public string RetriedRecordPage { get; private set; } = "";

    /// <summary>The answer to the dry run posted after the retry's run, the plan it led to (text), and the writes Nexudus saw meanwhile.</summary>
    public HttpStatusCode DryRunStatus { get; private set; }

    public string DryRunPlan { get; private set; } = "";

    public int DryRunWrites { get; private set; } = -1;

    /// <summary>The audit page after both actions (text), as the operator reads it.</summary>
    public string AuditPage { get; private set; } = "";

    /// <summary>Everything the worker wrote to standard output and error by then.</summary>
    public string WorkerLog { get; private set; } = "";

    /// <summary>What the viewer is shown: p-1's page and the runs page (HTML), the answer to a retry they post, then the audit page (text).</summary>
    public string ViewerRecordPage { get; private set; } = "";

    public string ViewerRunsPage { get; private set; } = "";

    public HttpStatusCode ViewerRetryStatus { get; private set; }

    public string ViewerAuditPage { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await using var rig = await CrmRig.StartAsync(postgres, Log);
        using var directory = new TempDirectory("contactsync-pages-");
        var csv = Path.Combine(directory.Path, "contacts.csv");
        const string Header = "source_id,coworker_contract_id,contact_type,full_name,email\n";
        const string Good = "p-1,1001,Director,<b>Ada</b> Quill,ada.quill@example.com\np-2,1001,Director,Ben Quill,\n";
        const string Later = "p-3,1002,Director,Dana Quill,dana@example.com\np-4,1002,Director,Eli Quill,eli@example.com\n";
        const string Bad = "p-bad,1001,Director,Cleo Quill,not-an-email\n,1001,Director,No Key,\n";
        await File.WriteAllTextAsync(csv, Header + Good + Bad + Later);
        var environment = rig.Environment("Upsert");
        CrmRig.AddCsvSource(environment, Source, csv);
        await rig.SyncOnceAsync(environment, Source);

        // Two rows change, and Nexudus answers their updates 503 until the run gives up on them (an update is
        // idempotent, so a failed one is never in doubt and a retry sends it at once).
        await File.WriteAllTextAsync(csv, Header + Good + Bad + Later.Replace("@example.com", "@example.org", StringComparison.Ordinal));
        using (var faults = await rig.Sandbox.Client.PostAsJsonAsync(
                   "_sandbox/faults/next", new { Kind = "Error503", Count = 1000, Method = "PUT", Path = "/api/billing/contractcontacts" }))
        {
            faults.EnsureSuccessStatusCode();
        }

        await rig.SyncOnceAsync(environment, Source);
        using (var cleared = await rig.Sandbox.Client.DeleteAsync("_sandbox/faults/next"))
        {
            cleared.EnsureSuccessStatusCode();
        }

        Ledger = (await rig.RecordsAsync(Source)).ToDictionary(record => record.Key, record => record.Value.Status, StringComparer.Ordinal);
        Log.WriteLine("after the second run: " + string.Join(", ", Ledger.OrderBy(record => record.Key, StringComparer.Ordinal).Select(record => $"{record.Key} {record.Value}")));

        environment["Dashboard__Username"] = "operator";
        environment["Dashboard__Password"] = "operator-password-1";
        environment["Dashboard__Users__0__Name"] = "viewer";
        environment["Dashboard__Users__0__Role"] = "Viewer";
        environment["Dashboard__Users__0__PasswordHash"] = PasswordHash.Create("viewer-password-1", PasswordHash.MinimumIterations).ToString();
        environment["Dashboard__KeyEncryptionKey"] = DashboardLogins.KeyEncryptionKey;
        var port = FreeTcpPort.Next();
        await using var worker = new WorkerProcess(environment, "run", "--urls", $"http://127.0.0.1:{port}");
        worker.Start();
        using var http = Client(new Uri($"http://127.0.0.1:{port}/"), "operator", "operator-password-1");
        await DashboardLogins.WaitForHealthAsync(worker, http.BaseAddress!);

        Log.WriteLine("the dashboard answers");
        await ReadAsOperatorAsync(http);
        await ActAsOperatorAsync(rig, http);
        WorkerLog = worker.StandardOutput + worker.StandardError;

        using var viewer = Client(http.BaseAddress!, "viewer", "viewer-password-1");
        await ReadAndActAsViewerAsync(viewer);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task ReadAsOperatorAsync(HttpClient http)
    {
        foreach (var status in States.Append("unkeyed"))
        {
            _recordsPages[status] = DashboardHtml.Text(await PageAsync(http, $"contactsync/records?source={Source}&status={status}"));
        }

        AllRecordsPage = await PageAsync(http, $"contactsync/records?source={Source}");
        FailedRecordPage = await PageAsync(http, $"contactsync/records/{Source}/p-3");
        SyncedRecordPage = await PageAsync(http, $"contactsync/records/{Source}/p-1");

        var runs = await http.GetFromJsonAsync<JsonElement>($"contactsync/api/runs?source={Source}");
        var latest = runs.GetProperty("items")[0];
        FailedRunOutcome = latest.GetProperty("outcome").GetString()!;
        FailedRunPage = DashboardHtml.Text(await PageAsync(http, $"contactsync/runs/{latest.GetProperty("id").GetGuid()}"));

        using var runsPage = await http.GetAsync("contactsync/");
        _pages.Add(("contactsync/", runsPage.StatusCode));
        RunsPage = await runsPage.Content.ReadAsStringAsync();
        RunsPagePolicies = runsPage.Headers.TryGetValues("Content-Security-Policy", out var policies) ? [.. policies] : [];
    }

    private async Task ActAsOperatorAsync(CrmRig rig, HttpClient http)
    {
        using (var untokened = await http.PostAsync("contactsync/actions/retry", Form(("source", Source))))
        {
            UntokenedRetryStatus = untokened.StatusCode;
        }

        var token = DashboardHtml.Token(FailedRecordPage);
        using (var retry = await http.PostAsync("contactsync/actions/retry", Form(("__RequestVerificationToken", token), ("source", Source), ("sourceId", "p-3"))))
        {
            RetryStatus = retry.StatusCode;
            RetryLocation = retry.Headers.Location?.ToString() ?? "";
        }

        // The retry's run (a Hangfire job) updates p-3 now that Nexudus answers; it is waited out whole, so that the
        // dry run after it plans from a ledger no run is changing.
        await Eventually.WaitUntilAsync(
            async () =>
            {
                var latest = (await http.GetFromJsonAsync<JsonElement>($"contactsync/api/runs?source={Source}&limit=1")).GetProperty("items")[0];
                RetryRun = latest.GetProperty("id").GetGuid();
                return latest.GetProperty("finished_at").ValueKind != JsonValueKind.Null && (await rig.RecordsAsync(Source))["p-3"].Status == "synced";
            },
            Deadline, "the run the retry queued has synced p-3 and finished");
        Log.WriteLine($"the retry's run {RetryRun} has finished");
        RetryRunPage = await PageAsync(http, $"contactsync/runs/{RetryRun}");
        RetryJob = DashboardHtml.HangfireJob(RetryRunPage);
        RetryJobPage = await PageAsync(http, $"hangfire/jobs/details/{RetryJob}");
        RetriedRecordPage = DashboardHtml.Text(await PageAsync(http, $"contactsync/records/{Source}/p-3"));

        var writesBefore = await rig.Sandbox.GetStatsAsync();
        using (var dryRun = await http.PostAsync("contactsync/actions/dry-run", Form(("__RequestVerificationToken", token), ("source", Source))))
        {
            DryRunStatus = dryRun.StatusCode;
            if (dryRun.Headers.Location is { } plan)
            {
                await Eventually.WaitUntilAsync(
                    async () =>
                    {
                        DryRunPlan = DashboardHtml.Text(await PageAsync(http, plan.ToString().TrimStart('/')));
                        return DryRunPlan.Contains("The next run would", StringComparison.Ordinal);
                    },
                    Deadline, "the dry run's plan is shown");
            }
        }

        Log.WriteLine("the dry run's plan is shown");
        DryRunWrites = await rig.WritesSinceAsync(writesBefore);
        AuditPage = DashboardHtml.Text(await PageAsync(http, "contactsync/audit"));
    }

    private async Task ReadAndActAsViewerAsync(HttpClient viewer)
    {
        ViewerRecordPage = await PageAsync(viewer, $"contactsync/records/{Source}/p-1");
        ViewerRunsPage = await PageAsync(viewer, "contactsync/");
        using (var refused = await viewer.PostAsync("contactsync/actions/retry", Form(("__RequestVerificationToken", DashboardHtml.Token(ViewerRecordPage)), ("source", Source))))
        {
            ViewerRetryStatus = refused.StatusCode;
        }

        ViewerAuditPage = DashboardHtml.Text(await PageAsync(viewer, "contactsync/audit"));
    }

    private async Task<string> PageAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        _pages.Add((path, response.StatusCode));
        return await response.Content.ReadAsStringAsync();
    }

    private static HttpClient Client(Uri baseAddress, string username, string password)
    {
        var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = baseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}")));
        return http;
    }

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields)
        => new(fields.Select(field => KeyValuePair.Create(field.Name, field.Value)));
}
