using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace ContactSync.IntegrationTests.Sumsub;

/// <summary>
/// The Sandbox's Sumsub sends webhooks as Sumsub does: the digest of the exact body in <c>X-Payload-Digest</c>, a resend
/// after each configured wait while the receiver fails, replays with the same correlationId, and on demand a bad digest
/// for a receiver's refusal test. The Sandbox's own receiver (<c>/_sandbox/webhooks/sumsub</c>) stands in for ContactSync.
/// </summary>
public sealed class SumsubWebhookTests
{
    private static readonly double[] Delays = [0.4, 0.8, 1.2, 1.6];

    [Fact]
    public async Task A_failing_receiver_gets_the_same_signed_body_five_times_on_the_schedule_then_a_replay_and_a_bad_digest()
    {
        await using var sandbox = await StartAsync();
        await AnswerAsync(sandbox, 503);
        var director = await RoleAsync(sandbox, "pending-director");

        var approval = await PostAsync(sandbox, $"_sandbox/sumsub/applicants/{director}/approve");
        var delivery = approval.GetProperty("deliveryIds")[0].GetInt32();
        var attempts = await AttemptsAsync(sandbox, delivery, count: 5);

        Assert.Equal([1, 2, 3, 4, 5], attempts.Select(a => a.GetProperty("attempt").GetInt32()));
        Assert.All(attempts, a => Assert.Equal(503, a.GetProperty("statusCode").GetInt32()));
        var times = attempts.Select(a => a.GetProperty("at").GetDateTimeOffset()).ToList();
        for (var i = 1; i < times.Count; i++)
        {
            Assert.True(times[i] - times[i - 1] >= TimeSpan.FromSeconds(Delays[i - 1] - 0.05), $"resend {i} came {(times[i] - times[i - 1]).TotalSeconds:0.00} s after the one before");
        }

        var posts = await InboxAsync(sandbox);
        Assert.Equal(5, posts.Count);
        Assert.Single(posts.Select(p => p.Body).Distinct());
        Assert.All(posts, p => Assert.Equal((SumsubSigning.Digest("HMAC_SHA256_HEX", SumsubSigning.WebhookSecret, p.Body), "HMAC_SHA256_HEX"), (p.Digest, p.Alg)));
        var body = JsonDocument.Parse(posts[0].Body).RootElement;
        Assert.Equal(("applicantReviewed", "completed", "GREEN", "individual", true), (
            body.GetProperty("type").GetString(), body.GetProperty("reviewStatus").GetString(),
            body.GetProperty("reviewResult").GetProperty("reviewAnswer").GetString(), body.GetProperty("applicantType").GetString(),
            body.GetProperty("sandboxMode").GetBoolean()));
        Assert.Equal((director, "kyb dir/Siân+1@01000001"), (body.GetProperty("applicantId").GetString(), body.GetProperty("externalUserId").GetString()));
        Assert.True(DateTime.TryParseExact(body.GetProperty("createdAtMs").GetString(), "yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture, DateTimeStyles.None, out _));

        // The receiver is back: a replay is the same bytes (same correlationId), a bad digest the same body wrongly signed.
        await AnswerAsync(sandbox, 200);
        var replay = (await PostAsync(sandbox, $"_sandbox/sumsub/webhooks/{delivery}/resend")).GetProperty("deliveryId").GetInt32();
        Assert.Equal(200, (await AttemptsAsync(sandbox, replay, count: 1))[0].GetProperty("statusCode").GetInt32());
        var forged = (await PostAsync(sandbox, $"_sandbox/sumsub/webhooks/{delivery}/resend", new { badDigest = true })).GetProperty("deliveryId").GetInt32();
        Assert.True((await AttemptsAsync(sandbox, forged, count: 1))[0].GetProperty("badDigest").GetBoolean());

        posts = await InboxAsync(sandbox);
        Assert.Equal(7, posts.Count);
        Assert.Equal(posts[0].Body, posts[5].Body);
        Assert.Equal(posts[0].Digest, posts[5].Digest);
        Assert.Equal(posts[0].Body, posts[6].Body);
        Assert.NotEqual(SumsubSigning.Digest("HMAC_SHA256_HEX", SumsubSigning.WebhookSecret, posts[6].Body), posts[6].Digest);
    }

    [Fact]
    public async Task Each_review_change_sends_its_webhook_type_and_moves_the_review_as_Sumsub_does()
    {
        await using var sandbox = await StartAsync();
        using (var alg = await sandbox.Client.PutAsJsonAsync("_sandbox/sumsub/webhooks/settings", new { digestAlg = "HMAC_SHA512_HEX" }))
        {
            alg.EnsureSuccessStatusCode();
        }

        var director = await RoleAsync(sandbox, "retry-director");
        var before = (await SumsubSandboxTests.ApplicantByIdAsync(sandbox, director)).GetProperty("review");

        var pending = (await PostAsync(sandbox, $"_sandbox/sumsub/applicants/{director}/pending")).GetProperty("applicant").GetProperty("review");
        var approved = (await PostAsync(sandbox, $"_sandbox/sumsub/applicants/{director}/approve")).GetProperty("applicant").GetProperty("review");
        var withdrawn = (await PostAsync(sandbox, $"_sandbox/sumsub/applicants/{director}/withdraw", new { labels = new[] { "ADVERSE_MEDIA" } })).GetProperty("applicant").GetProperty("review");
        var reset = (await PostAsync(sandbox, $"_sandbox/sumsub/applicants/{director}/reset")).GetProperty("applicant").GetProperty("review");
        using (var again = await sandbox.Client.PostAsync($"_sandbox/sumsub/applicants/{director}/reset", null))
        {
            Assert.Equal(System.Net.HttpStatusCode.Conflict, again.StatusCode); // nothing changed, nothing sent
        }

        // A resubmission after a retry is a new attempt; the decision, its withdrawal and the reset stay within it.
        Assert.Equal(before.GetProperty("attemptCnt").GetInt32() + 1, pending.GetProperty("attemptCnt").GetInt32());
        Assert.Equal(pending.GetProperty("attemptCnt").GetInt32(), withdrawn.GetProperty("attemptCnt").GetInt32());
        Assert.False(pending.TryGetProperty("reviewResult", out _));
        Assert.Equal("GREEN", approved.GetProperty("reviewResult").GetProperty("reviewAnswer").GetString());
        Assert.Equal(("RED", "FINAL"), (withdrawn.GetProperty("reviewResult").GetProperty("reviewAnswer").GetString(), withdrawn.GetProperty("reviewResult").GetProperty("reviewRejectType").GetString()));
        Assert.Equal("init", reset.GetProperty("reviewStatus").GetString());
        Assert.False(reset.TryGetProperty("reviewDate", out _) || reset.TryGetProperty("reviewResult", out _));

        await Eventually.WaitUntilAsync(async () => (await InboxAsync(sandbox)).Count == 4, TimeSpan.FromSeconds(20), "four webhooks arrived");
        var posts = await InboxAsync(sandbox);
        // Deliveries run side by side, so they may arrive out of order: put them in the order they were raised.
        var raised = (await sandbox.Client.GetFromJsonAsync<JsonElement>("_sandbox/sumsub/webhooks")).EnumerateArray()
            .ToDictionary(a => a.GetProperty("correlationId").GetString()!, a => a.GetProperty("deliveryId").GetInt32());
        var types = posts.Select(p => JsonDocument.Parse(p.Body).RootElement).OrderBy(b => raised[b.GetProperty("correlationId").GetString()!])
            .Select(b => $"{b.GetProperty("type").GetString()}:{b.GetProperty("reviewStatus").GetString()}");
        Assert.Equal(["applicantPending:pending", "applicantReviewed:completed", "applicantReviewed:completed", "applicantReset:init"], types);
        Assert.All(posts, p => Assert.Equal((SumsubSigning.Digest("HMAC_SHA512_HEX", SumsubSigning.WebhookSecret, p.Body), "HMAC_SHA512_HEX"), (p.Digest, p.Alg)));
    }

    [Fact]
    public async Task A_receiver_that_accepts_but_never_answers_is_a_timeout_and_is_resent()
    {
        // A listener that takes connections and never answers: the slow receiver Sumsub gives up on after 5 s.
        using var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start();
        var held = new List<System.Net.Sockets.TcpClient>();
        using var stop = new CancellationTokenSource();
        var accepting = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                held.Add(await silent.AcceptTcpClientAsync(stop.Token));
            }
        });
        await using var sandbox = await StartAsync();
        var url = $"http://127.0.0.1:{((System.Net.IPEndPoint)silent.LocalEndpoint).Port}/hook";
        using (var settings = await sandbox.Client.PutAsJsonAsync("_sandbox/sumsub/webhooks/settings", new { urls = new[] { url }, timeoutSeconds = 0.3, retryDelaysSeconds = new[] { 0.1, 0.1 } }))
        {
            settings.EnsureSuccessStatusCode();
        }

        var director = await RoleAsync(sandbox, "on-hold-director");
        var delivery = (await PostAsync(sandbox, $"_sandbox/sumsub/applicants/{director}/approve")).GetProperty("deliveryIds")[0].GetInt32();
        var attempts = await AttemptsAsync(sandbox, delivery, count: 3);

        Assert.All(attempts, a => Assert.Equal(("timeout", JsonValueKind.Null), (a.GetProperty("error").GetString(), a.GetProperty("statusCode").ValueKind)));
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => accepting);
        held.ForEach(client => client.Dispose());
    }

    private static async Task<Testing.SandboxProcess> StartAsync()
    {
        var sandbox = TestApps.Sandbox([
            "--contracts", "6", "--sumsub-webhook-url", "/_sandbox/webhooks/sumsub",
            "--sumsub-webhook-retry-delays", string.Join(',', Delays.Select(d => d.ToString(CultureInfo.InvariantCulture)))]);
        await sandbox.StartAsync();
        return sandbox;
    }

    private static async Task<string> RoleAsync(Testing.SandboxProcess sandbox, string role)
    {
        var seed = await sandbox.Client.GetFromJsonAsync<JsonElement>("_sandbox/sumsub/seed");
        return seed.EnumerateArray().SelectMany(c => c.GetProperty("beneficiaries").EnumerateArray())
            .Single(b => b.GetProperty("role").GetString() == role).GetProperty("applicantId").GetString()!;
    }

    private static async Task AnswerAsync(Testing.SandboxProcess sandbox, int status)
    {
        using var response = await sandbox.Client.PutAsJsonAsync("_sandbox/webhooks/answer", new { Status = status });
        response.EnsureSuccessStatusCode();
    }

    private static async Task<JsonElement> PostAsync(Testing.SandboxProcess sandbox, string path, object? body = null)
    {
        using var response = body is null ? await sandbox.Client.PostAsync(path, null) : await sandbox.Client.PostAsJsonAsync(path, body);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<List<JsonElement>> AttemptsAsync(Testing.SandboxProcess sandbox, int delivery, int count)
    {
        List<JsonElement> attempts = [];
        await Eventually.WaitUntilAsync(async () =>
        {
            var all = await sandbox.Client.GetFromJsonAsync<JsonElement>("_sandbox/sumsub/webhooks");
            attempts = [.. all.EnumerateArray().Where(a => a.GetProperty("deliveryId").GetInt32() == delivery).OrderBy(a => a.GetProperty("attempt").GetInt32())];
            return attempts.Count >= count;
        }, TimeSpan.FromSeconds(30), $"delivery {delivery} was attempted {count} times");
        return attempts;
    }

    private static async Task<List<(string Body, string Digest, string Alg)>> InboxAsync(Testing.SandboxProcess sandbox)
    {
        var posts = await sandbox.Client.GetFromJsonAsync<JsonElement>("_sandbox/webhooks?channel=sumsub");
        return [.. posts.EnumerateArray().Select(p => (
            p.GetProperty("Body").GetString()!,
            p.GetProperty("Headers").GetProperty("X-Payload-Digest").GetString()!,
            p.GetProperty("Headers").GetProperty("X-Payload-Digest-Alg").GetString()!))];
    }
}
