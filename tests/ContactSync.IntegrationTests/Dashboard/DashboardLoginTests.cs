using System.Net;
using ContactSync.IntegrationTests.Infrastructure;
using Npgsql;

namespace ContactSync.IntegrationTests.Dashboard;

/// <summary>
/// Real sign-ins, through real processes: people at the Sandbox's OpenID Connect provider, scripts with hashed Basic
/// logins, each with a role; the key ring they rest on, sealed in PostgreSQL and shared by the replicas.
/// </summary>
[Collection(PostgresCollectionDefinition.Name)]
public sealed class DashboardLoginTests(PostgresServer postgres)
{
    private const string Source = "idle";

    [Fact]
    public async Task Viewers_read_and_operators_act_after_signing_in_at_the_provider_on_either_replica()
    {
        int portA = FreeTcpPort.Next(), portB = FreeTcpPort.Next();
        Uri baseA = new($"http://127.0.0.1:{portA}/"), baseB = new($"http://127.0.0.1:{portB}/");
        await using var provider = DashboardLogins.ProviderFor(portA, portB);
        await provider.StartAsync();
        var environment = DashboardLogins.WithOidc(await IdleWorkerEnvironment.CreateAsync(postgres, Source), provider);
        await DashboardLogins.WithHashedLoginAsync(environment, "robot", "robot-password-1");
        await using var workerA = new WorkerProcess(environment, "run", "--urls", baseA.ToString().TrimEnd('/'));
        await using var workerB = new WorkerProcess(environment, "run", "--urls", baseB.ToString().TrimEnd('/'));
        workerA.Start();
        await DashboardLogins.WaitForHealthAsync(workerA, baseA);
        workerB.Start();
        await DashboardLogins.WaitForHealthAsync(workerB, baseB);

        // A script is answered 401, never sent to the provider's login page; Basic stays open to it beside the provider.
        using (var script = new HttpClient { BaseAddress = baseA })
        {
            using var anonymous = await script.GetAsync("contactsync/api/runs");
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            script.DefaultRequestHeaders.Authorization = DashboardLogins.Basic("robot", "robot-password-1");
            using var signedIn = await script.GetAsync("contactsync/api/runs");
            Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        }

        // The viewer reads pages, the API and Hangfire, and may not act anywhere.
        using var viewer = new BrowserSession(baseA);
        using (var page = await viewer.SignInAsync("contactsync/?source=idle", DashboardLogins.Viewer.Name, DashboardLogins.Viewer.Password))
        {
            Assert.True(page.StatusCode == HttpStatusCode.OK, $"{(int)page.StatusCode} at {page.RequestMessage!.RequestUri}: {await page.Content.ReadAsStringAsync()}");
            Assert.Equal(new Uri(baseA, "contactsync/?source=idle"), page.RequestMessage!.RequestUri);
        }

        var cookie = viewer.Cookies.Single(candidate => candidate.Name == "contactsync");
        Assert.True(cookie.HttpOnly);
        using (var runs = await viewer.Http.GetAsync("contactsync/api/runs"))
        {
            Assert.Equal(HttpStatusCode.OK, runs.StatusCode);
        }

        var viewerToken = await viewer.AntiforgeryTokenAsync();
        using (var retry = await viewer.Http.PostAsync("contactsync/retry", RetryForm(viewerToken)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, retry.StatusCode);
        }

        var readOnly = await viewer.Http.GetStringAsync("hangfire/recurring");
        Assert.Contains("sync:" + Source, readOnly, StringComparison.Ordinal);
        Assert.DoesNotContain("recurring/trigger", readOnly, StringComparison.Ordinal);
        using (var trigger = await TriggerAsync(viewer, baseA, viewerToken))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, trigger.StatusCode);
        }

        // The operator signs in on one replica and acts on the other: the cookie and the form's token hold on both.
        using var operatorSession = new BrowserSession(baseA);
        using (var page = await operatorSession.SignInAsync("hangfire/recurring", DashboardLogins.Operator.Name, DashboardLogins.Operator.Password))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("recurring/trigger", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var operatorToken = await operatorSession.AntiforgeryTokenAsync();
        using (var onA = await operatorSession.Http.PostAsync(new Uri(baseA, "contactsync/retry"), RetryForm(operatorToken)))
        {
            Assert.True(onA.StatusCode == HttpStatusCode.OK, $"A: {(int)onA.StatusCode} {workerA.StandardOutput}");
        }

        using (var retry = await operatorSession.Http.PostAsync(new Uri(baseB, "contactsync/retry"), RetryForm(operatorToken)))
        {
            Assert.True(retry.StatusCode == HttpStatusCode.OK, $"B: {(int)retry.StatusCode} {workerB.StandardOutput}");
            Assert.Equal(new Uri(baseB, "contactsync/attention").AbsolutePath, retry.RequestMessage!.RequestUri!.AbsolutePath);
            Assert.Contains("done=retried&count=0", retry.RequestMessage.RequestUri.Query, StringComparison.Ordinal);
        }

        using (var trigger = await TriggerAsync(operatorSession, baseB, operatorToken))
        {
            Assert.Equal(HttpStatusCode.NoContent, trigger.StatusCode);
        }

        // Someone the provider knows but who has no ContactSync role gets the 403 page, not a loop back to the login.
        using var outsider = new BrowserSession(baseA);
        using (var denied = await outsider.SignInAsync("contactsync/", DashboardLogins.Outsider.Name, DashboardLogins.Outsider.Password))
        {
            Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
            var page = await denied.Content.ReadAsStringAsync();
            Assert.Contains("No access", page, StringComparison.Ordinal);

            // The page offers to sign out; afterwards the next page asks the provider again.
            using var signedOut = await outsider.SubmitAsync(denied.RequestMessage!.RequestUri!, page);
            Assert.Equal(HttpStatusCode.OK, signedOut.StatusCode);
            Assert.Contains("Signed out", await signedOut.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.DoesNotContain(outsider.Cookies, candidate => candidate.Name == "contactsync" && !candidate.Expired);
            using var again = await outsider.Http.GetAsync("contactsync/");
            Assert.Contains("Sandbox sign-in", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // The key ring behind those cookies and tokens is ciphertext in PostgreSQL.
        var keys = await StoredKeysAsync(environment);
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("encryptedSecret", xml, StringComparison.Ordinal);
            Assert.Contains("KeyRingDecryptor", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("masterKey", xml, StringComparison.Ordinal);
        });
        Assert.DoesNotContain("viewer-password", workerA.StandardOutput + workerA.StandardError + workerB.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hashed_Basic_logins_have_roles_and_a_key_that_does_not_open_the_key_ring_stops_the_start()
    {
        var hash = await DashboardLogins.HashPasswordAsync("operator-password-1");
        Assert.Matches(@"^pbkdf2-sha256\$600000\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$", hash);
        var tooShort = await DashboardLogins.HashPasswordCommandAsync("short\n");
        Assert.Equal(2, tooShort.ExitCode);
        Assert.Contains("at least 12 characters", tooShort.Error, StringComparison.Ordinal);

        var environment = await IdleWorkerEnvironment.CreateAsync(postgres, Source);
        environment["Dashboard__Username"] = "operator";
        environment["Dashboard__PasswordHash"] = hash;
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

            using (var right = await SendAsync(http, HttpMethod.Get, "contactsync/api/runs", "operator", "operator-password-1"))
            {
                Assert.Equal(HttpStatusCode.OK, right.StatusCode);
            }

            using (var wrong = await SendAsync(http, HttpMethod.Get, "contactsync/api/runs", "operator", "operator-password-2"))
            {
                Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
                Assert.StartsWith("Basic", wrong.Headers.WwwAuthenticate.Single().Scheme, StringComparison.Ordinal);
            }

            using (var auditor = await SendAsync(http, HttpMethod.Get, "contactsync/api/runs", "auditor", "auditor-password-1"))
            {
                Assert.Equal(HttpStatusCode.OK, auditor.StatusCode);
            }

            using (var act = await SendAsync(http, HttpMethod.Post, "contactsync/retry", "auditor", "auditor-password-1"))
            {
                Assert.Equal(HttpStatusCode.Forbidden, act.StatusCode);
            }

            // Behind an ingress that terminated TLS the cookies are Secure, and the form's is HttpOnly and SameSite=Strict.
            using var behindIngress = new HttpRequestMessage(HttpMethod.Get, "hangfire");
            behindIngress.Headers.Authorization = DashboardLogins.Basic("operator", "operator-password-1");
            behindIngress.Headers.Add("X-Forwarded-Proto", "https");
            behindIngress.Headers.Add("X-Forwarded-For", "203.0.113.7");
            using var hangfire = await http.SendAsync(behindIngress);
            Assert.Equal(HttpStatusCode.OK, hangfire.StatusCode);
            var antiforgery = hangfire.Headers.GetValues("Set-Cookie").Single(value => value.StartsWith("contactsync-antiforgery=", StringComparison.Ordinal));
            Assert.Contains("secure", antiforgery, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("httponly", antiforgery, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("samesite=strict", antiforgery, StringComparison.OrdinalIgnoreCase);
        }

        Assert.NotEmpty(await StoredKeysAsync(environment));

        // Another key would fork the key ring between replicas: the worker says which key is wrong and stops.
        var otherKey = new Dictionary<string, string>(environment) { ["Dashboard__KeyEncryptionKey"] = Convert.ToBase64String(new byte[32]) };
        await using (var worker = new WorkerProcess(otherKey, "run", "--urls", $"http://127.0.0.1:{FreeTcpPort.Next()}"))
        {
            var result = await worker.RunToExitAsync(TimeSpan.FromMinutes(1));
            Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}:\n{result.Output}");
            Assert.Contains("Configuration error: Dashboard:KeyEncryptionKey does not open the data-protection keys in PostgreSQL", result.StandardError, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", result.Output, StringComparison.Ordinal);
            Assert.DoesNotContain(Convert.ToBase64String(new byte[32]), result.Output, StringComparison.Ordinal);
        }

        // And one without the key, once the keys are sealed, is told it needs it.
        var noKey = new Dictionary<string, string>(environment);
        noKey.Remove("Dashboard__KeyEncryptionKey");
        noKey.Remove("Dashboard__PasswordHash");
        noKey.Remove("Dashboard__Users__0__Name");
        noKey.Remove("Dashboard__Users__0__PasswordHash");
        noKey.Remove("Dashboard__Users__0__Role");
        noKey["Dashboard__Password"] = "operator-password-1";
        await using (var worker = new WorkerProcess(noKey, "run", "--urls", $"http://127.0.0.1:{FreeTcpPort.Next()}"))
        {
            var result = await worker.RunToExitAsync(TimeSpan.FromMinutes(1));
            Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}:\n{result.Output}");
            Assert.Contains("Configuration error: Dashboard:KeyEncryptionKey is required: the data-protection keys in PostgreSQL are encrypted", result.StandardError, StringComparison.Ordinal);
        }
    }

    private static FormUrlEncodedContent RetryForm(string token)
        => new([KeyValuePair.Create("__RequestVerificationToken", token), KeyValuePair.Create("source", Source)]);

    // As Hangfire's own script does it: the token in a header, the job in the form.
    private static Task<HttpResponseMessage> TriggerAsync(BrowserSession session, Uri baseAddress, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseAddress, "hangfire/recurring/trigger"))
        {
            Content = new FormUrlEncodedContent([KeyValuePair.Create("jobs[]", "sync:" + Source)]),
        };
        request.Headers.Add("RequestVerificationToken", token);
        request.Headers.Add("X-Requested-With", "XMLHttpRequest");
        return session.Http.SendAsync(request);
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

    private static async Task<List<string>> StoredKeysAsync(IReadOnlyDictionary<string, string> environment)
    {
        await using var connection = new NpgsqlConnection(environment["ConnectionStrings__ContactSync"]);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select xml from worker_data_protection_keys where xml like '<key %'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var keys = new List<string>();
        while (await reader.ReadAsync())
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }
}
