using System.Net;
using ContactSync.IntegrationTests.Infrastructure;
using Npgsql;

namespace ContactSync.IntegrationTests.Dashboard;

/// <summary>
/// Sign-in sessions that end: a copy of a sign-in cookie, replayed as an attacker who captured it would, opens nothing
/// after its user signed out (on any replica), or after the login it was made with was reconfigured.
/// </summary>
[Collection(PostgresCollectionDefinition.Name)]
public sealed class DashboardSessionTests(PostgresServer postgres)
{
    private const string Api = "contactsync/api/runs";

    [Fact]
    public async Task A_session_cookie_replayed_after_sign_out_is_refused_on_every_replica()
    {
        int portA = FreeTcpPort.Next(), portB = FreeTcpPort.Next();
        Uri baseA = new($"http://127.0.0.1:{portA}/"), baseB = new($"http://127.0.0.1:{portB}/");
        await using var provider = DashboardLogins.ProviderFor(portA, portB);
        await provider.StartAsync();
        var environment = DashboardLogins.WithOidc(await IdleWorkerEnvironment.CreateAsync(postgres), provider);
        await using var workerA = new WorkerProcess(environment, "run", "--urls", baseA.ToString().TrimEnd('/'));
        await using var workerB = new WorkerProcess(environment, "run", "--urls", baseB.ToString().TrimEnd('/'));
        workerA.Start();
        workerB.Start();
        await DashboardLogins.WaitForHealthAsync(workerA, baseA);
        await DashboardLogins.WaitForHealthAsync(workerB, baseB);

        using var viewer = new BrowserSession(baseA);
        using (var page = await viewer.SignInAsync("contactsync/", DashboardLogins.Viewer.Name, DashboardLogins.Viewer.Password))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }

        var captured = SignInCookies(viewer);
        Assert.Equal(HttpStatusCode.OK, await ReplayAsync(baseA, captured));
        Assert.Equal(HttpStatusCode.OK, await ReplayAsync(baseB, captured));
        Assert.Equal(1, await SessionRowsAsync(environment));

        var token = await viewer.AntiforgeryTokenAsync();
        using (var signOut = await viewer.Http.PostAsync("contactsync/signout",
            new FormUrlEncodedContent([KeyValuePair.Create("__RequestVerificationToken", token)])))
        {
            Assert.Equal(HttpStatusCode.OK, signOut.StatusCode);
            Assert.Contains("Signed out", await signOut.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await ReplayAsync(baseA, captured));
        Assert.Equal(HttpStatusCode.Unauthorized, await ReplayAsync(baseB, captured));
        Assert.Equal(0, await SessionRowsAsync(environment));

        // A page is answered as for anyone not signed in: sent to the provider to sign in.
        using var browser = new BrowserSession(baseB);
        browser.Http.DefaultRequestHeaders.Add("Cookie", captured);
        using var again = await browser.Http.GetAsync("contactsync/");
        Assert.Contains("Sandbox sign-in", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_session_outlives_a_restart_but_not_a_change_of_the_role_mapping_that_gave_its_role()
    {
        var ports = new[] { FreeTcpPort.Next(), FreeTcpPort.Next(), FreeTcpPort.Next() };
        await using var provider = DashboardLogins.ProviderFor(ports);
        await provider.StartAsync();
        var environment = DashboardLogins.WithOidc(await IdleWorkerEnvironment.CreateAsync(postgres), provider);

        string captured;
        var first = new Uri($"http://127.0.0.1:{ports[0]}/");
        await using (var worker = await StartAsync(environment, first))
        {
            using var operatorSession = new BrowserSession(first);
            using var page = await operatorSession.SignInAsync("contactsync/", DashboardLogins.Operator.Name, DashboardLogins.Operator.Password);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            captured = SignInCookies(operatorSession);
        }

        // The same configuration after a restart: the session is in PostgreSQL and still good.
        var second = new Uri($"http://127.0.0.1:{ports[1]}/");
        await using (var worker = await StartAsync(environment, second))
        {
            Assert.Equal(HttpStatusCode.OK, await ReplayAsync(second, captured));
        }

        // Another role mapping could have given this user another role: the session it made is over.
        var remapped = new Dictionary<string, string>(environment) { ["Dashboard__Oidc__OperatorRoles"] = "contactsync-admin" };
        var third = new Uri($"http://127.0.0.1:{ports[2]}/");
        await using (var worker = await StartAsync(remapped, third))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await ReplayAsync(third, captured));
            Assert.Equal(0, await SessionRowsAsync(environment));
            Assert.Contains("A dashboard session was refused and ended", worker.StandardOutput, StringComparison.Ordinal);
        }
    }

    private static async Task<WorkerProcess> StartAsync(IReadOnlyDictionary<string, string> environment, Uri baseAddress)
    {
        var worker = new WorkerProcess(environment, "run", "--urls", baseAddress.ToString().TrimEnd('/'));
        worker.Start();
        await DashboardLogins.WaitForHealthAsync(worker, baseAddress);
        return worker;
    }

    // The sign-in cookie (in chunks, should it ever be large), as a Cookie header; not the antiforgery cookie.
    private static string SignInCookies(BrowserSession session)
    {
        var cookies = session.Cookies.Where(cookie => cookie.Name.StartsWith("contactsync", StringComparison.Ordinal)
            && cookie.Name != "contactsync-antiforgery" && !cookie.Expired).ToList();
        Assert.NotEmpty(cookies);
        return string.Join("; ", cookies.Select(cookie => $"{cookie.Name}={cookie.Value}"));
    }

    // From a client that never signed in: only the copied cookie speaks for it.
    private static async Task<HttpStatusCode> ReplayAsync(Uri baseAddress, string cookies)
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = baseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, Api);
        request.Headers.Add("Cookie", cookies);
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    private static async Task<long> SessionRowsAsync(IReadOnlyDictionary<string, string> environment)
    {
        await using var connection = new NpgsqlConnection(environment["ConnectionStrings__ContactSync"]);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from dashboard_sessions", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
