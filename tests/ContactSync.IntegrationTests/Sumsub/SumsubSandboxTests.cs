using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ContactSync.IntegrationTests.Sumsub;

/// <summary>
/// The Sandbox's Sumsub answers as Sumsub is documented to: requests signed over the raw target, its 401 and 429
/// bodies, KYB data in both shapes, and webhooks signed over their exact bodies and resent on a schedule. This is what
/// the Sumsub source will be built and tested against.
/// </summary>
public sealed class SumsubSandboxTests
{
    private const string PendingDirectorExternalId = "kyb dir/Siân+1@01000001";

    [Fact]
    public async Task An_applicant_is_found_by_a_percent_encoded_external_id_signed_over_the_target_as_sent_and_refused_when_signed_decoded()
    {
        await using var sandbox = TestApps.Sandbox(["--contracts", "6"]);
        await sandbox.StartAsync();
        var target = $"resources/applicants/-;externalUserId={Uri.EscapeDataString(PendingDirectorExternalId)}/one";

        using var found = await SendAsync(sandbox, SumsubSigning.Request(sandbox.BaseUrl, HttpMethod.Get, target));
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        var applicant = await found.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((PendingDirectorExternalId, "individual", "pending"), (
            applicant.GetProperty("externalUserId").GetString(), applicant.GetProperty("type").GetString(),
            applicant.GetProperty("review").GetProperty("reviewStatus").GetString()));
        Assert.Equal("Siân", applicant.GetProperty("fixedInfo").GetProperty("firstName").GetString());
        Assert.False(applicant.GetProperty("info").TryGetProperty("firstName", out _)); // nothing read from documents yet
        Assert.Matches("^[0-9a-f]{24}$", applicant.GetProperty("id").GetString());

        // The same request signed over the decoded path is a different message.
        using var decoded = await SendAsync(sandbox, SumsubSigning.Request(
            sandbox.BaseUrl, HttpMethod.Get, target, signedTarget: $"/resources/applicants/-;externalUserId={PendingDirectorExternalId}/one"));
        Assert.Equal(HttpStatusCode.Unauthorized, decoded.StatusCode);

        using var unknown = await SendAsync(sandbox, SumsubSigning.Request(sandbox.BaseUrl, HttpMethod.Get, "resources/applicants/-;externalUserId=99999999/one"));
        await AssertErrorAsync(unknown, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_bad_signature_a_wrong_token_a_stale_timestamp_missing_headers_and_a_tampered_body_are_refused_with_Sumsubs_401_body()
    {
        await using var sandbox = TestApps.Sandbox(["--contracts", "6"]);
        await sandbox.StartAsync();
        const string target = "resources/applicants/-;externalUserId=01000001/one";

        using var badKey = await SendAsync(sandbox, SumsubSigning.Request(sandbox.BaseUrl, HttpMethod.Get, target, secretKey: "not-the-secret"));
        await AssertErrorAsync(badKey, HttpStatusCode.Unauthorized);
        using var badToken = await SendAsync(sandbox, SumsubSigning.Request(sandbox.BaseUrl, HttpMethod.Get, target, token: "sbx:someone-else"));
        await AssertErrorAsync(badToken, HttpStatusCode.Unauthorized);
        var stale = TimeProvider.System.GetUtcNow().AddMinutes(-6).ToUnixTimeSeconds();
        using var late = await SendAsync(sandbox, SumsubSigning.Request(sandbox.BaseUrl, HttpMethod.Get, target, timestamp: stale));
        await AssertErrorAsync(late, HttpStatusCode.Unauthorized);
        using var bare = await sandbox.Client.GetAsync(target);
        await AssertErrorAsync(bare, HttpStatusCode.Unauthorized);

        // The body is signed too: one signed over different bytes than it carries is refused.
        var company = await ApplicantAsync(sandbox, "01000001");
        var path = $"resources/applicants/{company.GetProperty("id").GetString()}/status/testCompleted";
        using var tampered = SumsubSigning.Request(sandbox.BaseUrl, HttpMethod.Post, path, """{"reviewAnswer":"GREEN"}""");
        tampered.Content = new StringContent("""{"reviewAnswer":"RED","reviewRejectType":"FINAL"}""", System.Text.Encoding.UTF8, "application/json");
        using var refused = await SendAsync(sandbox, tampered);
        await AssertErrorAsync(refused, HttpStatusCode.Unauthorized);

        using var honest = await SendAsync(sandbox, SumsubSigning.Request(sandbox.BaseUrl, HttpMethod.Post, path, """{"reviewAnswer":"RED","reviewRejectType":"FINAL","rejectLabels":["FORGERY"]}"""));
        Assert.Equal(HttpStatusCode.OK, honest.StatusCode);
        var review = (await ApplicantAsync(sandbox, "01000001")).GetProperty("review");
        Assert.Equal(("RED", "FINAL"), (review.GetProperty("reviewResult").GetProperty("reviewAnswer").GetString(), review.GetProperty("reviewResult").GetProperty("reviewRejectType").GetString()));

        var calls = await sandbox.Client.GetFromJsonAsync<Dictionary<string, Dictionary<string, int>>>("_sandbox/sumsub/calls");
        Assert.Equal(4, calls!["GET applicant-by-external-id"]["401"]);
        Assert.Equal((1, 1), (calls["POST test-completed"]["401"], calls["POST test-completed"]["200"]));
    }

    [Fact]
    public async Task Past_the_GET_limit_Sumsub_answers_429_with_its_body_and_a_Retry_After_only_when_asked_for()
    {
        await using var sandbox = TestApps.Sandbox(["--contracts", "6", "--sumsub-gets-per-window", "2", "--sumsub-window-seconds", "60"]);
        await sandbox.StartAsync();
        for (var i = 0; i < 2; i++)
        {
            await ApplicantAsync(sandbox, "01000006");
        }

        using var limited = await SendAsync(sandbox, SumsubSigning.Request(sandbox.BaseUrl, HttpMethod.Get, "resources/applicants/-;externalUserId=01000006/one"));
        await AssertErrorAsync(limited, HttpStatusCode.TooManyRequests);
        Assert.False(limited.Headers.Contains("Retry-After"));

        using (var change = await sandbox.Client.PutAsJsonAsync("_sandbox/sumsub/limits", new { sendRetryAfter = true }))
        {
            change.EnsureSuccessStatusCode();
        }

        using var told = await SendAsync(sandbox, SumsubSigning.Request(sandbox.BaseUrl, HttpMethod.Get, "resources/applicants/-;externalUserId=01000006/one"));
        Assert.Equal(HttpStatusCode.TooManyRequests, told.StatusCode);
        Assert.InRange(told.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);

        // An admin call raises the limit again without a restart; a reset puts the start-up limit back.
        using (var raise = await sandbox.Client.PutAsJsonAsync("_sandbox/sumsub/limits", new { getsPerWindow = 100 }))
        {
            raise.EnsureSuccessStatusCode();
        }

        await ApplicantAsync(sandbox, "01000006");
        var calls = await sandbox.Client.GetFromJsonAsync<Dictionary<string, Dictionary<string, int>>>("_sandbox/sumsub/calls");
        Assert.Equal((3, 2), (calls!["GET applicant-by-external-id"]["200"], calls["GET applicant-by-external-id"]["429"]));
    }

    [Fact]
    public async Task The_seed_has_both_KYB_shapes_and_the_registers_director_with_the_registers_name_and_birth_month()
    {
        await using var sandbox = TestApps.Sandbox(["--contracts", "6"]);
        await sandbox.StartAsync();

        var kyb2 = await ApplicantAsync(sandbox, "01000001");
        var beneficiaries = kyb2.GetProperty("fixedInfo").GetProperty("companyInfo").GetProperty("beneficiaries").EnumerateArray().ToList();
        Assert.All(beneficiaries, b => Assert.True(b.TryGetProperty("applicantId", out _) && b.TryGetProperty("types", out _)));
        var maria = await ApplicantByIdAsync(sandbox, beneficiaries[0].GetProperty("applicantId").GetString()!);
        var (first, last, dob) = (maria.GetProperty("info").GetProperty("firstName").GetString(), maria.GetProperty("info").GetProperty("lastName").GetString(), maria.GetProperty("info").GetProperty("dob").GetString()!);
        var register = await sandbox.Client.GetFromJsonAsync<JsonElement>("_sandbox/register/companies/01000001");
        var officer = register.GetProperty("officers").GetProperty("items").EnumerateArray().Single(o => o.GetProperty("name").GetString() == "DE LA CRUZ, Maria");
        Assert.Equal(("Maria", "de la Cruz"), (first, last));
        Assert.Equal($"{officer.GetProperty("date_of_birth").GetProperty("year").GetInt32()}-{officer.GetProperty("date_of_birth").GetProperty("month").GetInt32():D2}", dob[..7]);

        var infoOnly = (await ApplicantAsync(sandbox, "01000006")).GetProperty("fixedInfo").GetProperty("companyInfo").GetProperty("beneficiaries")
            .EnumerateArray().Single(b => !b.TryGetProperty("applicantId", out _));
        Assert.Equal("Léa", infoOnly.GetProperty("beneficiaryInfo").GetProperty("firstName").GetString());

        var kyb1 = await ApplicantAsync(sandbox, "SC100003");
        Assert.False(kyb1.TryGetProperty("fixedInfo", out _));
        var positions = kyb1.GetProperty("info").GetProperty("companyInfo").GetProperty("beneficiaries").EnumerateArray()
            .Select(b => string.Join(',', b.GetProperty("positions").EnumerateArray().Select(p => p.GetString()))).ToList();
        Assert.Equal(["director,shareholder", "director"], positions);
        Assert.Equal("pending", (await ApplicantAsync(sandbox, "01000004")).GetProperty("review").GetProperty("reviewStatus").GetString());
    }

    internal static async Task<HttpResponseMessage> SendAsync(Testing.SandboxProcess sandbox, HttpRequestMessage request)
    {
        using (request)
        {
            return await sandbox.Client.SendAsync(request);
        }
    }

    internal static Task<JsonElement> ApplicantAsync(Testing.SandboxProcess sandbox, string externalUserId)
        => ReadAsync(sandbox, $"resources/applicants/-;externalUserId={Uri.EscapeDataString(externalUserId)}/one");

    internal static Task<JsonElement> ApplicantByIdAsync(Testing.SandboxProcess sandbox, string id) => ReadAsync(sandbox, $"resources/applicants/{id}/one");

    private static async Task<JsonElement> ReadAsync(Testing.SandboxProcess sandbox, string target)
    {
        using var response = await SendAsync(sandbox, SumsubSigning.Request(sandbox.BaseUrl, HttpMethod.Get, target));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)status, body.GetProperty("code").GetInt32());
        Assert.Equal((int)status, body.GetProperty("errorCode").GetInt32());
        Assert.StartsWith("req-", body.GetProperty("correlationId").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(body.GetProperty("description").GetString()));
    }
}
