using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using ContactSync.IntegrationTests.Infrastructure;
using ContactSync.Testing;

namespace ContactSync.IntegrationTests.Dashboard;

/// <summary>
/// One idle worker (one configured source, <see cref="Source"/>, text logs) shared by a test class, started by its
/// first test: a theory over every parameter would otherwise start a process per case. An operator's client, with the
/// cookie and form token an action needs, and an anonymous one.
/// </summary>
public sealed partial class HostileInputWorker : IAsyncLifetime
{
    public const string Source = "idle";
    public const string Username = "operator";
    public const string Password = "operator-password-1";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private WorkerProcess? _worker;
    private HttpClient? _operator;
    private HttpClient? _anonymous;

    public WorkerProcess Process => _worker ?? throw new InvalidOperationException("StartAsync first");

    public HttpClient Operator => _operator ?? throw new InvalidOperationException("StartAsync first");

    public HttpClient Anonymous => _anonymous ?? throw new InvalidOperationException("StartAsync first");

    /// <summary>The antiforgery token of the operator's session, for posting actions.</summary>
    public string Token { get; private set; } = "";

    public async Task StartAsync(PostgresServer postgres)
    {
        await _gate.WaitAsync();
        try
        {
            if (_worker is not null)
            {
                return;
            }

            var environment = await IdleWorkerEnvironment.CreateAsync(postgres, Source);
            environment["Dashboard__Username"] = Username;
            environment["Dashboard__Password"] = Password;
            environment["Logging__Format"] = "text";
            var port = FreeTcpPort.Next();
            _worker = new WorkerProcess(environment, "run", "--urls", $"http://127.0.0.1:{port}");
            _worker.Start();
            var address = new Uri($"http://127.0.0.1:{port}/");
            await DashboardLogins.WaitForHealthAsync(_worker, address);

            _anonymous = new HttpClient { BaseAddress = address };
            _operator = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = address };
            _operator.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Username}:{Password}")));
            var runs = await _operator.GetStringAsync("contactsync/");
            Token = WebUtility.HtmlDecode(TokenField().Match(runs).Groups[1].Value);
            Assert.False(string.IsNullOrEmpty(Token), "the runs page carries an action form with its token");
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _operator?.Dispose();
        _anonymous?.Dispose();
        if (_worker is not null)
        {
            await _worker.DisposeAsync();
        }

        _gate.Dispose();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
