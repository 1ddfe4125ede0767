using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ContactSync.Testing;

/// <summary>The Nexudus sandbox running as its own process on a free loopback port.</summary>
public sealed class SandboxProcess : IAsyncDisposable
{
    public const string DefaultUsername = "operator@sandbox.local";
    public const string DefaultPassword = "sandbox";

    private const string HealthPath = "_sandbox/health";

    // Generous: on a busy 2-core machine a cold start of the app can take tens of seconds.
    private static readonly TimeSpan StartupDeadline = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan HealthProbeTimeout = TimeSpan.FromSeconds(5);

    private readonly ChildProcess _process;

    /// <param name="dll">The Sandbox's built assembly.</param>
    /// <param name="arguments">Extra command-line arguments, after <c>--urls</c>.</param>
    /// <param name="environment">Extra environment variables.</param>
    /// <param name="logPath">A file that gets the Sandbox's output, if given.</param>
    public SandboxProcess(
        string dll,
        IEnumerable<string>? arguments = null,
        IReadOnlyDictionary<string, string>? environment = null,
        string? logPath = null)
    {
        var port = FreeTcpPort.Next();
        BaseUrl = new Uri($"http://127.0.0.1:{port}/");
        _process = DotnetApp.Create(dll, ["--urls", $"http://127.0.0.1:{port}", .. arguments ?? []], environment, logPath);
        Client = new HttpClient { BaseAddress = BaseUrl };
    }

    public Uri BaseUrl { get; }

    /// <summary>For admin calls; relative paths resolve against <see cref="BaseUrl"/>.</summary>
    public HttpClient Client { get; }

    public ChildProcess Process => _process;

    /// <summary>Starts the sandbox and waits until the health path answers 200; fails with its output otherwise.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        _process.Start();
        try
        {
            await Eventually.WaitUntilAsync(
                () => IsHealthyAsync(cancellationToken),
                StartupDeadline,
                $"the sandbox answers GET {HealthPath} with 200",
                cancellationToken);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException(ex.Message + _process.DescribeOutput(), ex);
        }
    }

    public async Task<JsonElement> GetContactsAsync(CancellationToken cancellationToken = default)
    {
        var contacts = await Client.GetFromJsonAsync<JsonElement>("_sandbox/contractcontacts", cancellationToken);
        return contacts.ValueKind == JsonValueKind.Array
            ? contacts
            : throw new InvalidOperationException($"Expected a JSON array of contract contacts, got: {contacts}");
    }

    /// <summary>The contract contact the Sandbox holds with this Id, or null once it is deleted.</summary>
    public async Task<JsonElement?> GetContactAsync(int id, CancellationToken cancellationToken = default)
    {
        foreach (var contact in (await GetContactsAsync(cancellationToken)).EnumerateArray())
        {
            if (contact.GetProperty("Id").GetInt32() == id)
            {
                return contact.Clone();
            }
        }

        return null;
    }

    /// <summary>How many contract contacts the sandbox holds, counted without keeping them.</summary>
    public async Task<int> CountContactsAsync(CancellationToken cancellationToken = default)
    {
        await using var body = await Client.GetStreamAsync("_sandbox/contractcontacts", cancellationToken);
        using var contacts = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
        return contacts.RootElement.GetArrayLength();
    }

    public async Task<SandboxStats> GetStatsAsync(CancellationToken cancellationToken = default) =>
        SandboxStats.Parse(await Client.GetStringAsync("_sandbox/stats", cancellationToken));

    /// <summary>How far apart the one API client's calls arrived (none when nobody called).</summary>
    public async Task<SandboxArrivals> GetArrivalsAsync(CancellationToken cancellationToken = default) =>
        SandboxArrivals.ParseSingle(await Client.GetStringAsync("_sandbox/arrivals", cancellationToken));

    public async Task ResetAsync(CancellationToken cancellationToken = default)
    {
        using var response = await Client.PostAsync("_sandbox/reset", content: null, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _process.DisposeAsync();
    }

    private async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        await _process.ThrowIfExitedAsync("before the sandbox became healthy");
        using var probe = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        probe.CancelAfter(HealthProbeTimeout);
        try
        {
            using var response = await Client.GetAsync(HealthPath, probe.Token);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false; // Not listening yet.
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false; // Listening but not answering yet.
        }
    }
}
