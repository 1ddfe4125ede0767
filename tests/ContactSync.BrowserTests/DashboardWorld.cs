using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using ContactSync.BrowserTests.Browser;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ContactSync.BrowserTests;

/// <summary>
/// One world for the browser tests: PostgreSQL, the Sandbox, two <c>sync-once</c> runs of <see cref="DashboardSource"/>
/// (the first creates the contacts and rejects the bad rows, the second's updates fail: Nexudus answers them 503),
/// then the worker host with its dashboards behind a Basic login, and headless Chromium. Started once for the
/// collection; each test opens its own <see cref="BrowserSession"/>.
/// </summary>
public sealed class DashboardWorld : IAsyncLifetime
{
    public static readonly HttpCredentials Operator = new() { Username = "operator", Password = "operator-password-1" };

    /// <summary>A read-only login, stored as the hash <c>hash-password</c> printed for its password.</summary>
    public static readonly HttpCredentials Viewer = new() { Username = "viewer", Password = "viewer-password-1" };

    private const string ViewerPasswordHash = "pbkdf2-sha256$600000$tPxxROxuMDCi0r63tpxBCA==$/LjLBUXAMsfkX+uLrJR+oMAPT43OMxix4HeXGVhTcZ8=";

    private static readonly TimeSpan SyncDeadline = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan HostDeadline = TimeSpan.FromSeconds(60);

    private readonly PostgresServer _postgres = new();
    private readonly TempDirectory _directory = new("contactsync-browser-");
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private SandboxProcess? _sandbox;
    private WorkerProcess? _worker;
    private Ledger? _ledger;
    private bool _postgresStarted;

    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1/");

    internal Ledger Ledger => _ledger ?? throw new InvalidOperationException("The world is not started.");

    internal Screenshots Screenshots { get; } = new();

    /// <summary>The worker host, for its output when a test fails.</summary>
    internal WorkerProcess Worker => _worker ?? throw new InvalidOperationException("The world is not started.");

    public async Task InitializeAsync()
    {
        try
        {
            // The browser first: without one nothing else is worth starting, and the message says how to get one.
            _playwright = await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(Chromium.LaunchOptions());

            _postgresStarted = true;
            await _postgres.InitializeAsync();
            var database = await _postgres.CreateDatabaseAsync("browser");
            _ledger = new Ledger(database);
            _sandbox = TestApps.Sandbox(
                ["--writes-per-minute", "0", "--writes-per-day", "0", "--min-interval-ms", "0", "--calls-per-minute", "0", "--calls-per-hour", "0"]);
            await _sandbox.StartAsync();

            var csv = Path.Combine(_directory.Path, "contacts.csv");
            var environment = WorkerEnvironment(database, _sandbox, csv);
            await DashboardSource.WriteAsync(csv, changed: false);
            await SyncOnceAsync(environment);
            await DashboardSource.WriteAsync(csv, changed: true);
            await SyncWithFailingUpdatesAsync(_sandbox, environment);
            await StartHostAsync(environment);
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <param name="credentials">The login the browser gives when asked; null: an anonymous visitor.</param>
    internal async Task<BrowserSession> OpenSessionAsync(HttpCredentials? credentials, ITestOutputHelper output)
    {
        var browser = _browser ?? throw new InvalidOperationException("The world is not started.");
        return await BrowserSession.OpenAsync(browser, BaseUrl, credentials, Screenshots, DashboardSource.PersonalData, output);
    }

    /// <summary>Stops what was started, once: after a failed start this runs before xunit's own call, which finds nothing left.</summary>
    public async Task DisposeAsync()
    {
        if (_browser is { } browser)
        {
            _browser = null;
            await browser.DisposeAsync();
        }

        _playwright?.Dispose();
        _playwright = null;
        if (_worker is { } worker)
        {
            _worker = null;
            await worker.DisposeAsync();
        }

        if (_sandbox is { } sandbox)
        {
            _sandbox = null;
            await sandbox.DisposeAsync();
        }

        if (_ledger is { } ledger)
        {
            _ledger = null;
            await ledger.DisposeAsync();
        }

        if (_postgresStarted)
        {
            _postgresStarted = false;
            await _postgres.DisposeAsync();
        }

        _directory.Dispose();
    }

    private static Dictionary<string, string> WorkerEnvironment(string database, SandboxProcess sandbox, string csv) => new()
    {
        ["ConnectionStrings__ContactSync"] = database,
        ["Nexudus__BaseUrl"] = sandbox.BaseUrl.ToString(),
        ["Nexudus__Username"] = SandboxProcess.DefaultUsername,
        ["Nexudus__Password"] = SandboxProcess.DefaultPassword,
        ["Nexudus__WritesPerMinute"] = "10000",
        ["Nexudus__CallsPerMinute"] = "10000",
        ["Nexudus__MinCallInterval"] = "00:00:00",
        // An update answered 503 is retried once, quickly, before it counts as failed.
        ["Nexudus__MaxRetries"] = "1",
        ["Nexudus__RetryBaseDelay"] = "00:00:00.050",
        ["Nexudus__MaxRetryDelay"] = "00:00:00.100",
        ["ContactSync__Sources__0__Name"] = DashboardSource.Name,
        ["ContactSync__Sources__0__Type"] = "Csv",
        ["ContactSync__Sources__0__Path"] = csv,
        ["ContactSync__Sources__0__Schedule"] = "0 0 1 1 *",
        ["Dashboard__Username"] = Operator.Username,
        ["Dashboard__Password"] = Operator.Password,
        ["Dashboard__Users__0__Name"] = Viewer.Username,
        ["Dashboard__Users__0__PasswordHash"] = ViewerPasswordHash,
        ["Dashboard__Users__0__Role"] = "Viewer",
        ["Dashboard__KeyEncryptionKey"] = "q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=",
        // A run queued from the dashboard starts within a second, not the default five.
        ["Hangfire__QueuePollInterval"] = "00:00:01",
    };

    /// <summary>
    /// A create answered 5xx may have been applied, so it is left in doubt and nobody, not even an operator's retry,
    /// sends it again until it can no longer be under way, minutes later. An update is safe to send again: one that
    /// failed is retried by the next run, or at once by an operator.
    /// </summary>
    private static async Task SyncWithFailingUpdatesAsync(SandboxProcess sandbox, Dictionary<string, string> environment)
    {
        using (var faults = await sandbox.Client.PostAsJsonAsync(
                   "_sandbox/faults/next", new { Kind = "Error503", Count = 100, Method = "PUT", Path = "/api/billing/contractcontacts" }))
        {
            faults.EnsureSuccessStatusCode();
        }

        await SyncOnceAsync(environment);

        // The run the dashboard queues later must find Nexudus answering.
        using var cleared = await sandbox.Client.DeleteAsync("_sandbox/faults/next");
        cleared.EnsureSuccessStatusCode();
    }

    private static async Task SyncOnceAsync(Dictionary<string, string> environment)
    {
        await using var sync = new WorkerProcess(environment, "sync-once", "--source", DashboardSource.Name);
        var result = await sync.RunToExitAsync(SyncDeadline);
        // 1: some records were rejected or failed, which is the point.
        Assert.True(result.ExitCode == 1, $"sync-once exited {result.ExitCode}, not 1:\n{result.Output}");
    }

    private async Task StartHostAsync(Dictionary<string, string> environment)
    {
        var port = FreeTcpPort.Next();
        BaseUrl = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/"));
        _worker = new WorkerProcess(environment, "run", "--urls", BaseUrl.ToString().TrimEnd('/'));
        _worker.Start();
        using var http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(5) };
        await Eventually.WaitUntilAsync(
            async () =>
            {
                await _worker.Process.ThrowIfExitedAsync("before its dashboard answered");
                try
                {
                    using var live = await http.GetAsync("health/live");
                    return live.StatusCode == HttpStatusCode.OK;
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    return false;
                }
            },
            HostDeadline,
            $"the worker host answers GET {BaseUrl}health/live");
    }
}
