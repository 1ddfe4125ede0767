using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ContactSync.IntegrationTests.Infrastructure;

namespace ContactSync.IntegrationTests.HubSpot;

/// <summary>The Sandbox's HubSpot CRM answers as HubSpot is known to: what the CRM source will be built and tested against.</summary>
public sealed class HubSpotSandboxTests
{
    private const string Token = "pat-sandbox-0000";

    [Fact]
    public async Task Search_pages_in_modified_order_through_equal_timestamps_and_refuses_to_page_past_its_cap()
    {
        await using var sandbox = TestApps.Sandbox(["--contracts", "12", "--hubspot-search-cap", "8"]);
        await sandbox.StartAsync();
        var seen = new List<(string Id, long Modified)>();
        string? after = null;
        HttpStatusCode last;
        do
        {
            using var response = await SearchAsync(sandbox, after);
            last = response.StatusCode;
            if (last != HttpStatusCode.OK)
            {
                break;
            }

            var page = await response.Content.ReadFromJsonAsync<JsonElement>();
            seen.AddRange(page.GetProperty("results").EnumerateArray().Select(record =>
                (record.GetProperty("id").GetString()!, DateTimeOffset.Parse(record.GetProperty("properties").GetProperty("lastmodifieddate").GetString()!, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds())));
            after = page.TryGetProperty("paging", out var paging) ? paging.GetProperty("next").GetProperty("after").GetString() : null;
        }
        while (after is not null);

        // 3 a page: pages at 0, 3 and 6 (which stops at the cap, 8), then the page at 8 is refused.
        Assert.Equal(HttpStatusCode.BadRequest, last);
        Assert.Equal(8, seen.Count);
        Assert.Equal(seen.Select(s => s.Modified).Order(), seen.Select(s => s.Modified));
        Assert.Equal(seen.Count, seen.Select(s => s.Id).Distinct().Count());
    }

    [Fact]
    public async Task Associations_carry_their_labels_archived_contacts_leave_search_and_a_bad_token_is_refused()
    {
        await using var sandbox = TestApps.Sandbox(["--contracts", "12"]);
        await sandbox.StartAsync();
        using var labels = await PostAsync(sandbox, "crm/v4/associations/contacts/companies/batch/read", new { inputs = new[] { new { id = "100031" } } });
        var types = (await labels.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results")[0].GetProperty("to")[0].GetProperty("associationTypes")
            .EnumerateArray().Select(type => type.GetProperty("typeId").GetInt32()).ToList();
        Assert.Equal([1, 5, 7], types);

        using (var archive = await sandbox.Client.PostAsync("_sandbox/hubspot/contacts/100031/archive", null))
        {
            archive.EnsureSuccessStatusCode();
        }

        using var archived = await GetAsync(sandbox, "crm/v3/objects/contacts?archived=true");
        Assert.Equal(["100031"], (await archived.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results").EnumerateArray().Select(r => r.GetProperty("id").GetString()));
        using var search = await SearchAsync(sandbox, null, limit: 200);
        Assert.DoesNotContain("100031", (await search.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results").EnumerateArray().Select(r => r.GetProperty("id").GetString()));

        using var refused = new HttpRequestMessage(HttpMethod.Get, "crm/v3/objects/contacts");
        refused.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "pat-wrong");
        using var answer = await sandbox.Client.SendAsync(refused);
        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
    }

    [Theory]
    [InlineData("--hubspot-ten-secondly-limit", "TEN_SECONDLY_ROLLING")]
    [InlineData("--hubspot-daily-limit", "DAILY")]
    public async Task Over_a_limit_HubSpot_answers_429_naming_the_policy(string option, string policy)
    {
        await using var sandbox = TestApps.Sandbox(["--contracts", "3", option, "2"]);
        await sandbox.StartAsync();
        for (var i = 0; i < 2; i++)
        {
            using var fine = await GetAsync(sandbox, "crm/v3/objects/contacts");
            Assert.Equal(HttpStatusCode.OK, fine.StatusCode);
        }

        using var limited = await GetAsync(sandbox, "crm/v3/objects/contacts");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        var body = await limited.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((policy, "RATE_LIMITS"), (body.GetProperty("policyName").GetString(), body.GetProperty("category").GetString()));
    }

    private static Task<HttpResponseMessage> SearchAsync(Testing.SandboxProcess sandbox, string? after, int limit = 3) => PostAsync(sandbox, "crm/v3/objects/contacts/search", new
    {
        filterGroups = new[] { new { filters = new[] { new { propertyName = "lastmodifieddate", @operator = "GTE", value = "0" } } } },
        sorts = new[] { new { propertyName = "lastmodifieddate", direction = "ASCENDING" } },
        properties = new[] { "firstname", "lastname" },
        limit,
        after,
    });

    private static async Task<HttpResponseMessage> PostAsync(Testing.SandboxProcess sandbox, string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return await sandbox.Client.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> GetAsync(Testing.SandboxProcess sandbox, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return await sandbox.Client.SendAsync(request);
    }
}
