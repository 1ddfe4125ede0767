using System.Net;
using ContactSync.IntegrationTests.Infrastructure;
using ContactSync.Testing;

namespace ContactSync.IntegrationTests.Dashboard;

/// <summary>
/// Hashed Basic logins and the key ring they seal, walked through once for the tests of a class. The worker's
/// <c>hash-password</c> hashes the operator's password; a worker with that hash, a viewer (auditor) and the key-encryption
/// key answers the right and a wrong password, the viewer reading and acting, and a request from behind an ingress that
/// terminated TLS; it stops. Then a worker with another key-encryption key, and one with none, try to start on the
/// keys it sealed. What each answered is kept here, in order, for the tests to check.
/// </summary>
public sealed class BasicLoginScenario(PostgresServer postgres) : IAsyncLifetime
{
    public const string Source = "idle";
    public const string OperatorPassword = "operator-password-1";

    /// <summary>The key-encryption key the second start is given instead: 32 zero bytes.</summary>
    public static readonly string OtherKey = Convert.ToBase64String(new byte[32]);

    /// <summary>What <c>hash-password</c> wrote for the operator's password.</summary>
    public string Hash { get; private set; } = "";

    /// <summary>The answers to the operator with the right password, then a wrong one, and that one's challenge schemes.</summary>
    public HttpStatusCode RightPassword { get; private set; }

    public HttpStatusCode WrongPassword { get; private set; }

    public IReadOnlyList<string> WrongPasswordChallenges { get; private set; } = [];

    /// <summary>The answers to the viewer (auditor) reading the API, then posting a retry.</summary>
    public HttpStatusCode ViewerReads { get; private set; }

    public HttpStatusCode ViewerActs { get; private set; }

    /// <summary>The answer to Hangfire's page asked for from behind an ingress that terminated TLS, and the antiforgery cookies it set.</summary>
    public HttpStatusCode BehindIngress { get; private set; }

    public IReadOnlyList<string> AntiforgeryCookies { get; private set; } = [];

    /// <summary>How many data-protection keys PostgreSQL holds once the first worker has stopped.</summary>
    public int KeysStored { get; private set; }

    /// <summary>How the start with <see cref="OtherKey"/> ended, and how the start with no key ended.</summary>
    public ProcessResult WithOtherKey { get; private set; } = new(-1, "", "");

    public ProcessResult WithoutKey { get; private set; } = new(-1, "", "");

    public async Task InitializeAsync()
    {
        Hash = await DashboardLogins.HashPasswordAsync(OperatorPassword);
        var environment = await IdleWorkerEnvironment.CreateAsync(postgres, Source);
        environment["Dashboard__Username"] = "operator";
        environment["Dashboard__PasswordHash"] = Hash;
        environment["Dashboard__Users__0__Name"] = "auditor";
        environment["Dashboard__Users__0__PasswordHash"] = await DashboardLogins.HashPasswordAsync("auditor-password-1");
        environment["Dashboard__Users__0__Role"] = "Viewer";
        environment["Dashboard__KeyEncryptionKey"] = DashboardLogins.KeyEncryptionKey;
        environment["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] = "true";
        var port = FreeTcpPort.Next();
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        await using (var worker = new WorkerProcess(environment, "run", "--urls", $"http://127.0.0.1:{port}"))
        {
            worker.Start();
            await DashboardLogins.WaitForHealthAsync(worker, baseAddress);
            using var http = new HttpClient { BaseAddress = baseAddress };
            await AskAsync(http);
        }

        KeysStored = (await DashboardLogins.StoredKeysAsync(environment)).Count;

        // Another key would fork the key ring between replicas.
        var otherKey = new Dictionary<string, string>(environment) { ["Dashboard__KeyEncryptionKey"] = OtherKey };
        await using (var worker = new WorkerProcess(otherKey, "run", "--urls", $"http://127.0.0.1:{FreeTcpPort.Next()}"))
        {
            WithOtherKey = await worker.RunToExitAsync(TimeSpan.FromMinutes(1));
        }

        var noKey = new Dictionary<string, string>(environment);
        noKey.Remove("Dashboard__KeyEncryptionKey");
        noKey.Remove("Dashboard__PasswordHash");
        noKey.Remove("Dashboard__Users__0__Name");
        noKey.Remove("Dashboard__Users__0__PasswordHash");
        noKey.Remove("Dashboard__Users__0__Role");
        noKey["Dashboard__Password"] = OperatorPassword;
        await using (var worker = new WorkerProcess(noKey, "run", "--urls", $"http://127.0.0.1:{FreeTcpPort.Next()}"))
        {
            WithoutKey = await worker.RunToExitAsync(TimeSpan.FromMinutes(1));
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task AskAsync(HttpClient http)
    {
        using (var right = await SendAsync(http, HttpMethod.Get, "contactsync/api/runs", "operator", OperatorPassword))
        {
            RightPassword = right.StatusCode;
        }

        using (var wrong = await SendAsync(http, HttpMethod.Get, "contactsync/api/runs", "operator", "operator-password-2"))
        {
            WrongPassword = wrong.StatusCode;
            WrongPasswordChallenges = [.. wrong.Headers.WwwAuthenticate.Select(challenge => challenge.Scheme)];
        }

        using (var auditor = await SendAsync(http, HttpMethod.Get, "contactsync/api/runs", "auditor", "auditor-password-1"))
        {
            ViewerReads = auditor.StatusCode;
        }

        using (var act = await SendAsync(http, HttpMethod.Post, "contactsync/retry", "auditor", "auditor-password-1"))
        {
            ViewerActs = act.StatusCode;
        }

        using var behindIngress = new HttpRequestMessage(HttpMethod.Get, "hangfire");
        behindIngress.Headers.Authorization = DashboardLogins.Basic("operator", OperatorPassword);
        behindIngress.Headers.Add("X-Forwarded-Proto", "https");
        behindIngress.Headers.Add("X-Forwarded-For", "203.0.113.7");
        using var hangfire = await http.SendAsync(behindIngress);
        BehindIngress = hangfire.StatusCode;
        AntiforgeryCookies = hangfire.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? [.. cookies.Where(value => value.StartsWith("contactsync-antiforgery=", StringComparison.Ordinal))]
            : [];
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string path, string username, string password)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = DashboardLogins.Basic(username, password);
        if (method == HttpMethod.Post)
        {
            request.Content = new FormUrlEncodedContent([KeyValuePair.Create("source", Source)]);
        }

        return http.SendAsync(request);
    }
}
