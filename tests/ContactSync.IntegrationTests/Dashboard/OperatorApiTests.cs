using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ContactSync.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace ContactSync.IntegrationTests.Dashboard;

/// <summary>
/// The operator's view as JSON (<see cref="OperatorApiWorker"/>): every record findable by state, the counts agreeing
/// with the ledger, no personal data; and beside it the attention page, Hangfire's pages and the Prometheus figures.
/// </summary>
[Collection(SourcesPostgresCollectionDefinition.Name)]
public sealed class OperatorApiTests : IClassFixture<OperatorApiWorker>
{
    /// <summary>What the CRM and the file hold that is personal: a name, an apostrophe'd name raw and escaped, an email domain, a birth date.</summary>
    private static readonly string[] Personal = ["Lovelace", "O'Neill", "O\\u0027Neill", "company3.example", "1979-11-02"];

    private readonly OperatorApiWorker _worker;
    private readonly ITestOutputHelper _output;

    public OperatorApiTests(OperatorApiWorker worker, ITestOutputHelper output)
    {
        _worker = worker;
        _output = output;
        worker.Log.CopyTo(output);
    }

    private HttpClient Http => _worker.Operator;

    private int CrmRejected => _worker.Ledger.Count(record => record.Value == "rejected");

    [Fact]
    public async Task The_API_answers_401_to_a_request_without_credentials()
    {
        using var anonymous = await _worker.Anonymous.GetAsync("contactsync/api/records");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Theory]
    [InlineData("synced")]
    [InlineData("rejected")]
    public async Task Records_of_a_state_are_paged_five_at_a_time_in_key_order_as_many_as_the_ledger_holds(string status)
    {
        var expected = _worker.Ledger.Where(record => record.Value == status).Select(record => record.Key).Order(StringComparer.Ordinal).ToList();
        var (total, keys, pages) = await AllAsync(Http, $"contactsync/api/records?source=crm&status={status}&limit=5");
        Assert.Equal(expected.Count, total);
        Assert.Equal(expected, keys);
        Assert.Equal((expected.Count + 4) / 5, pages);
    }

    [Fact]
    public async Task The_files_rows_without_a_usable_key_are_found_by_line_each_with_its_reason()
    {
        var unkeyed = await Http.GetFromJsonAsync<JsonElement>("contactsync/api/records?source=file&status=unkeyed");
        Assert.Equal(2, unkeyed.GetProperty("total").GetInt64());
        Assert.All(unkeyed.GetProperty("items").EnumerateArray(), item => Assert.False(string.IsNullOrEmpty(item.GetProperty("reason").GetString())));
        Assert.Equal([3L, 4L], unkeyed.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("line").GetInt64()));
    }

    [Fact]
    public async Task A_search_for_a_contact_finds_its_record_for_each_of_its_two_roles()
    {
        var search = await Http.GetFromJsonAsync<JsonElement>("contactsync/api/records?q=100031");
        Assert.Equal(2, search.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task The_runs_of_a_source_are_listed_with_their_outcome()
    {
        var runs = await Http.GetFromJsonAsync<JsonElement>("contactsync/api/runs?source=crm");
        Assert.Equal(1, runs.GetProperty("total").GetInt64());
        Assert.Equal("completed_with_errors", runs.GetProperty("items")[0].GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task The_records_of_a_run_are_every_record_it_read()
    {
        var run = (await Http.GetFromJsonAsync<JsonElement>("contactsync/api/runs?source=crm")).GetProperty("items")[0].GetProperty("id").GetGuid();
        var inRun = await Http.GetFromJsonAsync<JsonElement>($"contactsync/api/records?run={run}");
        Assert.Equal(_worker.Ledger.Count, inRun.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Record_lists_carry_no_names_emails_or_birth_dates_neither_the_CRMs_nor_the_files()
    {
        var body = await Http.GetStringAsync("contactsync/api/records?limit=500");
        Assert.All(Personal, personal => Assert.DoesNotContain(personal, body, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Needs_attention_counts_the_CRMs_rejections_and_the_files_rows_without_a_key_as_the_runs_count_them()
    {
        var attention = await Http.GetStringAsync("contactsync/attention");
        Assert.Contains($"0 failed, 0 in flight, 0 waiting, {CrmRejected} rejected, 0 in conflict, 0 rows without a usable key", attention, StringComparison.Ordinal);
        Assert.Contains("0 failed, 0 in flight, 0 waiting, 0 rejected, 0 in conflict, 2 rows without a usable key", attention, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hangfires_pages_may_not_be_framed_or_sniffed_and_link_to_ContactSync()
    {
        using var hangfire = await Http.GetAsync("hangfire");
        Assert.Equal(HttpStatusCode.OK, hangfire.StatusCode);
        Assert.Equal("DENY", hangfire.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("nosniff", hangfire.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("frame-ancestors 'none'", hangfire.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("ContactSync", await hangfire.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_runs_page_filters_by_source_and_by_outcome()
    {
        Assert.Contains("1 run(s) of crm.", await Http.GetStringAsync("contactsync/?source=crm"), StringComparison.Ordinal);
        Assert.Contains("0 run(s) of crm, succeeded.", await Http.GetStringAsync("contactsync/?source=crm&outcome=succeeded"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prometheus_reads_the_attention_counts_the_budget_and_failed_jobs_without_a_login()
    {
        var metrics = await _worker.Anonymous.GetStringAsync("metrics");
        _output.WriteLine(string.Join('\n', metrics.Split('\n').Where(line => line.StartsWith("contactsync_", StringComparison.Ordinal))));
        Assert.Contains($"\ncontactsync_records_attention{{source=\"crm\",status=\"rejected\"}} {CrmRejected}\n", metrics, StringComparison.Ordinal);
        Assert.Contains("\ncontactsync_records_attention{source=\"file\",status=\"unkeyed\"} 2\n", metrics, StringComparison.Ordinal);
        Assert.Contains("\ncontactsync_budget_remaining{window=\"writes_day\"} ", metrics, StringComparison.Ordinal);
        Assert.Contains("\ncontactsync_hangfire_jobs{state=\"failed\"} 0\n", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_host_logs_one_compact_JSON_event_a_line_with_nothing_personal_in_it_whatever_it_served()
    {
        // Everything the other tests of the class ask for, first, whichever of them has run.
        var run = (await Http.GetFromJsonAsync<JsonElement>("contactsync/api/runs?source=crm")).GetProperty("items")[0].GetProperty("id").GetGuid();
        foreach (var (client, path) in new[]
                 {
                     (Http, "contactsync/api/records?source=crm&status=synced&limit=5"), (Http, "contactsync/api/records?source=crm&status=rejected&limit=5"),
                     (Http, "contactsync/api/records?source=file&status=unkeyed"), (Http, "contactsync/api/records?q=100031"),
                     (Http, $"contactsync/api/records?run={run}"), (Http, "contactsync/api/records?limit=500"), (Http, "contactsync/attention"),
                     (Http, "hangfire"), (Http, "contactsync/?source=crm"), (Http, "contactsync/?source=crm&outcome=succeeded"),
                     (_worker.Anonymous, "metrics"),
                 })
        {
            using var response = await client.GetAsync(path);
            Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode}");
        }

        var events = _worker.Process.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.NotEmpty(events);
        Assert.All(events, line => Assert.True(JsonDocument.Parse(line).RootElement.TryGetProperty("@t", out _), line));
        Assert.DoesNotContain("Lovelace", _worker.Process.StandardOutput, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("contactsync/api/records?status=lost")]
    [InlineData("contactsync/api/records?after=not-a-cursor")]
    public async Task An_unknown_state_or_a_cursor_the_API_did_not_make_is_a_400(string path)
    {
        using var bad = await Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    private static async Task<(long Total, List<string> Keys, int Pages)> AllAsync(HttpClient http, string path)
    {
        var keys = new List<string>();
        long total = 0;
        var pages = 0;
        string? next = null;
        do
        {
            var page = await http.GetFromJsonAsync<JsonElement>(next is null ? path : $"{path}&after={Uri.EscapeDataString(next)}");
            total = page.GetProperty("total").GetInt64();
            keys.AddRange(page.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("source_id").GetString()!));
            next = page.GetProperty("next").ValueKind == JsonValueKind.Null ? null : page.GetProperty("next").GetString();
            pages++;
        }
        while (next is not null && pages < 100);

        return (total, keys, pages);
    }
}
