using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace ContactSync.Benchmarks.Processes;

/// <summary>The Nexudus Sandbox as its own process on a free loopback port, started with the given switches.</summary>
internal sealed class SandboxServer : IAsyncDisposable
{
    public const string Username = "operator@sandbox.local";
    public const string Password = "sandbox";

    private static readonly TimeSpan StartupDeadline = TimeSpan.FromSeconds(60);

    private readonly ChildProcess _process;
    private readonly HttpClient _http;

    private SandboxServer(ChildProcess process, Uri baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
        _http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromMinutes(2) };
    }

    public Uri BaseUrl { get; }

    public static async Task<SandboxServer> StartAsync(
        BenchmarkSettings settings, string name, IEnumerable<string> switches, CancellationToken cancellationToken)
    {
        var url = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{FreePort.Next()}"));
        var process = ChildProcess.Start(
            settings.SandboxDll,
            ["--urls", url.ToString().TrimEnd('/'), .. switches],
            new Dictionary<string, string>(StringComparer.Ordinal) { ["Logging__LogLevel__Default"] = "Warning" },
            Path.Combine(settings.WorkDirectory, $"sandbox-{name}.log"));
        var sandbox = new SandboxServer(process, url);
        try
        {
            await sandbox.WaitUntilHealthyAsync(cancellationToken);
            return sandbox;
        }
        catch
        {
            await sandbox.DisposeAsync();
            throw;
        }
    }

    public async Task<ApiStats> StatsAsync(CancellationToken cancellationToken)
    {
        var requests = await _http.GetFromJsonAsync<Dictionary<string, Dictionary<string, int>>>(new Uri("/_sandbox/stats", UriKind.Relative), cancellationToken);
        return new ApiStats(requests ?? []);
    }

    /// <summary>How many ContractContacts the Sandbox holds.</summary>
    public async Task<int> ContractContactCountAsync(CancellationToken cancellationToken)
    {
        await using var body = await _http.GetStreamAsync(new Uri("/_sandbox/contractcontacts", UriKind.Relative), cancellationToken);
        using var document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
        return document.RootElement.GetArrayLength();
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _process.DisposeAsync();
    }

    private async Task WaitUntilHealthyAsync(CancellationToken cancellationToken)
    {
        var deadline = TimeProvider.System.GetTimestamp();
        while (TimeProvider.System.GetElapsedTime(deadline) < StartupDeadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The Sandbox exited at start-up; see its log in the work directory.");
            }

            try
            {
                using var response = await _http.GetAsync(new Uri("/_sandbox/health", UriKind.Relative), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }

        throw new TimeoutException("The Sandbox did not become healthy within a minute.");
    }
}
