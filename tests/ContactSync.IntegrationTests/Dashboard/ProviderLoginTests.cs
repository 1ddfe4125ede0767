using System.Net;
using ContactSync.IntegrationTests.Infrastructure;

namespace ContactSync.IntegrationTests.Dashboard;

/// <summary>
/// Real sign-ins at the Sandbox's OpenID Connect provider, through two real replicas (<see cref="ProviderLoginReplicas"/>):
/// viewers read and operators act, the cookie and the form's token hold on either replica, scripts keep Basic, people
/// without a role are told so, and the key ring behind it all rests sealed in PostgreSQL.
/// </summary>
[Collection(PostgresCollectionDefinition.Name)]
public sealed class ProviderLoginTests(ProviderLoginReplicas replicas) : IClassFixture<ProviderLoginReplicas>
{
    private const string Source = ProviderLoginReplicas.Source;

    [Fact]
    public async Task A_script_without_credentials_is_answered_401_and_not_sent_to_the_providers_login_page()
    {
        using var script = new HttpClient { BaseAddress = replicas.BaseA };
        using var anonymous = await script.GetAsync("contactsync/api/runs");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task A_script_signs_in_with_a_hashed_Basic_login_beside_the_provider()
    {
        using var script = new HttpClient { BaseAddress = replicas.BaseA };
        script.DefaultRequestHeaders.Authorization = DashboardLogins.Basic(ProviderLoginReplicas.Robot, ProviderLoginReplicas.RobotPassword);
        using var signedIn = await script.GetAsync("contactsync/api/runs");
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
    }

    [Fact]
    public void A_viewer_signed_in_at_the_provider_lands_on_the_page_they_asked_for()
    {
        var landing = replicas.ViewerLanding;
        Assert.True(landing.Status == HttpStatusCode.OK, $"{(int)landing.Status} at {landing.Address}: {landing.Page}");
        Assert.Equal(new Uri(replicas.BaseA, ProviderLoginReplicas.ViewerAsked), landing.Address);
    }

    [Fact]
    public void The_session_cookie_is_HttpOnly()
        => Assert.True(replicas.Viewer.Cookies.Single(candidate => candidate.Name == "contactsync").HttpOnly);

    [Fact]
    public async Task A_viewer_reads_the_API()
    {
        using var runs = await replicas.Viewer.Http.GetAsync("contactsync/api/runs");
        Assert.Equal(HttpStatusCode.OK, runs.StatusCode);
    }

    [Fact]
    public async Task A_viewers_retry_is_forbidden_though_it_carries_the_forms_token()
    {
        using var retry = await replicas.Viewer.Http.PostAsync("contactsync/retry", RetryForm(replicas.ViewerToken));
        Assert.Equal(HttpStatusCode.Forbidden, retry.StatusCode);
    }

    [Fact]
    public async Task A_viewer_sees_Hangfires_recurring_jobs_without_their_trigger()
    {
        var readOnly = await replicas.Viewer.Http.GetStringAsync("hangfire/recurring");
        Assert.Contains("sync:" + Source, readOnly, StringComparison.Ordinal);
        Assert.DoesNotContain("recurring/trigger", readOnly, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_viewers_trigger_of_a_recurring_job_is_refused()
    {
        using var trigger = await TriggerAsync(replicas.Viewer, replicas.BaseA, replicas.ViewerToken);
        Assert.Equal(HttpStatusCode.Unauthorized, trigger.StatusCode);
    }

    [Fact]
    public void An_operator_signed_in_at_the_provider_is_offered_the_trigger_of_Hangfires_recurring_jobs()
    {
        Assert.Equal(HttpStatusCode.OK, replicas.OperatorLanding.Status);
        Assert.Contains("recurring/trigger", replicas.OperatorLanding.Page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_operators_retry_is_done_on_the_replica_they_signed_in_on()
    {
        using var onA = await replicas.Operator.Http.PostAsync(new Uri(replicas.BaseA, "contactsync/retry"), RetryForm(replicas.OperatorToken));
        Assert.True(onA.StatusCode == HttpStatusCode.OK, $"A: {(int)onA.StatusCode} {replicas.ReplicaA.StandardOutput}");
    }

    [Fact]
    public async Task An_operators_cookie_and_form_token_from_one_replica_act_on_the_other()
    {
        using var retry = await replicas.Operator.Http.PostAsync(new Uri(replicas.BaseB, "contactsync/retry"), RetryForm(replicas.OperatorToken));
        Assert.True(retry.StatusCode == HttpStatusCode.OK, $"B: {(int)retry.StatusCode} {replicas.ReplicaB.StandardOutput}");
        Assert.Equal(new Uri(replicas.BaseB, "contactsync/attention").AbsolutePath, retry.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("done=retried&count=0", retry.RequestMessage.RequestUri.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_operator_triggers_a_recurring_job_on_the_other_replica()
    {
        using var trigger = await TriggerAsync(replicas.Operator, replicas.BaseB, replicas.OperatorToken);
        Assert.Equal(HttpStatusCode.NoContent, trigger.StatusCode);
    }

    [Fact]
    public async Task Someone_the_provider_knows_without_a_role_gets_the_no_access_page_not_a_loop_back_to_the_login()
    {
        using var outsider = new BrowserSession(replicas.BaseA);
        using var denied = await outsider.SignInAsync("contactsync/", DashboardLogins.Outsider.Name, DashboardLogins.Outsider.Password);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Contains("No access", await denied.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_out_from_the_no_access_page_ends_the_session_and_the_next_page_asks_the_provider_again()
    {
        using var outsider = new BrowserSession(replicas.BaseA);
        using var denied = await outsider.SignInAsync("contactsync/", DashboardLogins.Outsider.Name, DashboardLogins.Outsider.Password);

        using var signedOut = await outsider.SubmitAsync(denied.RequestMessage!.RequestUri!, await denied.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, signedOut.StatusCode);
        Assert.Contains("Signed out", await signedOut.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(outsider.Cookies, candidate => candidate.Name == "contactsync" && !candidate.Expired);
        using var again = await outsider.Http.GetAsync("contactsync/");
        Assert.Contains("Sandbox sign-in", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_key_ring_behind_the_cookies_and_tokens_is_ciphertext_in_PostgreSQL()
    {
        var keys = await DashboardLogins.StoredKeysAsync(replicas.Environment);
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("encryptedSecret", xml, StringComparison.Ordinal);
            Assert.Contains("KeyRingDecryptor", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("masterKey", xml, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Neither_replica_logs_a_password_it_was_signed_in_with()
        => Assert.DoesNotContain(
            "viewer-password",
            replicas.ReplicaA.StandardOutput + replicas.ReplicaA.StandardError + replicas.ReplicaB.StandardOutput,
            StringComparison.Ordinal);

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
}
