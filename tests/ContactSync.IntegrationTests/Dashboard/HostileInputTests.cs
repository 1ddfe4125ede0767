using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ContactSync.IntegrationTests.Infrastructure;
using ContactSync.Testing;
using Xunit.Abstractions;

namespace ContactSync.IntegrationTests.Dashboard;

/// <summary>
/// Every parameter of every page, API call and action under /contactsync, sent what an attacker sends: a NUL, a
/// control character, a malformed value or cursor. Each is a 400 naming the parameter and repeating nothing of the
/// value; nothing reaches PostgreSQL (whose driver answered a NUL with a 500), nothing forges a line of the text log,
/// and a page's notice says only what the product said.
/// </summary>
[Collection(SourcesPostgresCollectionDefinition.Name)]
public sealed class HostileInputTests(PostgresServer postgres, HostileInputWorker worker, ITestOutputHelper output) : IClassFixture<HostileInputWorker>
{
    private const string Source = HostileInputWorker.Source;
    private const string Marker = "marker-5e1f";
    private static readonly string RunId = Guid.NewGuid().ToString("D");

    /// <summary>Every endpoint and the parameters it reads: from the query (GET), the form (POST), or its path ({name}).</summary>
    private static readonly (string Method, string Path, string[] Parameters)[] Endpoints =
    [
        ("GET", "contactsync/", ["source", "outcome", "from", "to", "after", "done", "count"]),
        ("GET", "contactsync/records", ["source", "status", "q", "run", "after", "done", "count"]),
        ("GET", "contactsync/records/{source}/{key}", ["source", "key", "done", "count"]),
        ("GET", "contactsync/runs/{id}", ["id", "source", "done", "count"]),
        ("GET", "contactsync/plans/{id}", ["id"]),
        ("GET", "contactsync/attention", ["source", "done", "count"]),
        ("GET", "contactsync/audit", ["before"]),
        ("GET", "contactsync/api/records", ["source", "status", "q", "run", "after", "limit"]),
        ("GET", "contactsync/api/runs", ["source", "outcome", "from", "to", "after", "limit"]),
        ("POST", "contactsync/actions/retry", ["source", "sourceId", "back"]),
        ("POST", "contactsync/retry", ["source", "sourceId", "back"]),
        ("POST", "contactsync/actions/run", ["source"]),
        ("POST", "contactsync/actions/dry-run", ["source"]),
        ("POST", "contactsync/actions/confirm-removals", ["source", "run"]),
    ];

    /// <summary>NUL, newline, ESC, DEL, a C1 control and a right-to-left override.</summary>
    private static readonly int[] UnsafeCharacters = [0x00, 0x0A, 0x1B, 0x7F, 0x9B, 0x202E];

    public static TheoryData<string, string, string, int> UnsafeCases()
    {
        var cases = new TheoryData<string, string, string, int>();
        foreach (var (method, path, parameters) in Endpoints)
        {
            foreach (var parameter in parameters)
            {
                foreach (var character in UnsafeCharacters)
                {
                    cases.Add(method, path, parameter, character);
                }
            }
        }

        return cases;
    }

    public static TheoryData<string, string, string, string> MalformedCases()
    {
        var cases = new TheoryData<string, string, string, string>();
        foreach (var (method, path, parameters) in Endpoints)
        {
            var runsCursor = path is "contactsync/" or "contactsync/api/runs";
            foreach (var parameter in parameters)
            {
                // A source filter (and a record's address) may name a source since removed, which still has records:
                // only its characters and length can be wrong there. An action's source must be configured.
                foreach (var value in method == "GET" && parameter is "source" ? [new string('s', 600)] : Malformed(parameter, runsCursor))
                {
                    cases.Add(method, path, parameter, value);
                }
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(UnsafeCases))]
    public async Task A_control_character_in_any_parameter_is_a_400_naming_it(string method, string path, string parameter, int character)
    {
        await worker.StartAsync(postgres);

        using var answer = await SendAsync(method, path, parameter, "x" + (char)character + Marker);

        // Kestrel refuses a NUL in the path, and the form reader one in a form, with a bare 400 before any handler runs.
        var refusedByTheServer = character == 0 && (method == "POST" || path.Contains("{" + parameter + "}", StringComparison.Ordinal));
        await AssertRefusedAsync(answer, refusedByTheServer ? null : parameter);
    }

    [Theory]
    [MemberData(nameof(MalformedCases))]
    public async Task A_malformed_value_or_cursor_in_any_parameter_is_a_400_naming_it(string method, string path, string parameter, string value)
    {
        await worker.StartAsync(postgres);

        using var answer = await SendAsync(method, path, parameter, value);

        await AssertRefusedAsync(answer, parameter);
    }

    [Fact]
    public async Task Well_formed_parameters_are_answered_as_before()
    {
        await worker.StartAsync(postgres);
        var cursor = Base64Url($"[\"{Source}\",\"k-1\"]");
        foreach (var path in new[]
                 {
                     $"contactsync/?source={Source}&outcome=succeeded&from=2026-01-01&to=2026-12-31&after=638000000000000000.{Guid.Empty:N}",
                     $"contactsync/records?source={Source}&status=failed&q=k-1&run={RunId}&after={cursor}",
                     $"contactsync/api/records?source={Source}&status=unkeyed&q=+k+&limit=500&after={cursor}",
                     $"contactsync/api/runs?source={Source}&from=2026-01-01T00:00:00Z&to=2026-12-31&limit=1",
                     "contactsync/audit?before=10",
                     $"contactsync/attention?done=retried&source={Source}&count=3",
                 })
        {
            using var answer = await worker.Operator.GetAsync(path);
            Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{path}: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
        }

        using var missing = await worker.Operator.GetAsync($"contactsync/runs/{RunId}");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        // A source no longer configured keeps its records and runs, so filtering by one is not an error; it matches what the ledger holds.
        var removed = await worker.Operator.GetFromJsonAsync<JsonElement>("contactsync/api/records?source=removed-source");
        Assert.Equal(0, removed.GetProperty("total").GetInt64());
        using var removedPage = await worker.Operator.GetAsync("contactsync/records?source=removed-source");
        Assert.Equal(HttpStatusCode.OK, removedPage.StatusCode);
    }

    [Fact]
    public async Task A_crafted_notice_shows_nothing_the_product_did_not_say()
    {
        await worker.StartAsync(postgres);
        const string Crafted = "Your session expired: sign in again at https://contactsync-login.example";
        var escaped = Uri.EscapeDataString(Crafted);
        foreach (var path in new[]
                 {
                     $"contactsync/?done=run&source={escaped}",
                     $"contactsync/records?done=confirmed&source={escaped}",
                     $"contactsync/attention?done=retried&count=1&source={escaped}",
                     $"contactsync/attention?done={escaped}&source={Source}",
                     $"contactsync/attention?done=retried&source={Source}&count={escaped}",
                     $"contactsync/records/{Source}/k-1?done=run&source={Source}%20{escaped}",
                 })
        {
            using var answer = await worker.Operator.GetAsync(path);
            var body = await answer.Content.ReadAsStringAsync();
            output.WriteLine($"{path}: {(int)answer.StatusCode} {body}");
            Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
            Assert.DoesNotContain("contactsync-login", body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("session expired", body, StringComparison.OrdinalIgnoreCase);
        }

        // What the product does say, of a configured source, with the number parsed.
        var page = await worker.Operator.GetStringAsync($"contactsync/?done=retried&source={Source}&count=0012");
        Assert.Contains($"12 record(s) of {Source} set back to pending; a run has been queued.", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_path_with_a_newline_and_an_escape_leaves_no_control_character_in_the_text_log()
    {
        await worker.StartAsync(postgres);
        const string Forged = "[2026-01-01 00:00:00.000 +00:00 INF] Serilog.AspNetCore.RequestLoggingMiddleware: forged-5e1f";

        using var answer = await worker.Anonymous.GetAsync(
            "contactsync/x%0D%0A" + Uri.EscapeDataString(Forged) + "%1B%5B2J%1B%5D0;title%07%C2%9B31m" + "/y%0A" + Uri.EscapeDataString(Forged));
        await worker.Process.WaitForOutputAsync("forged-5e1f", TimeSpan.FromSeconds(30));

        // No route and no credentials: refused, and still logged as every request is.
        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
        var log = worker.Process.StandardOutput + worker.Process.StandardError;
        var lines = log.Split('\n');
        Assert.DoesNotContain(lines, line => line.TrimStart('\r').StartsWith("[2026-01-01 00:00:00.000", StringComparison.Ordinal));
        var raw = log.Where(c => c != '\n' && (char.IsControl(c) || c == '\u202E')).Select(c => ((int)c).ToString("X4", CultureInfo.InvariantCulture)).Distinct().ToList();
        Assert.True(raw.Count == 0, $"raw control characters in the log: {string.Join(", ", raw)}");
        Assert.Contains(lines, line => line.Contains("\\n" + Forged, StringComparison.Ordinal) && line.Contains("\\u001B[2J", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_path_with_control_characters_leaves_only_json_escapes_in_the_json_log()
    {
        var environment = await IdleWorkerEnvironment.CreateAsync(postgres, Source);
        environment["Logging__Format"] = "json";
        var port = FreeTcpPort.Next();
        await using var json = new WorkerProcess(environment, "run", "--urls", $"http://127.0.0.1:{port}");
        json.Start();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        await DashboardLogins.WaitForHealthAsync(json, http.BaseAddress!);

        using var answer = await http.GetAsync("contactsync/x%0A%1B%5B2J%7F%C2%9B31m%E2%80%AEforged-json-5e1f");
        await json.WaitForOutputAsync("forged-json-5e1f", TimeSpan.FromSeconds(30));

        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
        var lines = json.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, line => Assert.True(JsonDocument.Parse(line).RootElement.TryGetProperty("@t", out _), line));
        var raw = json.StandardOutput.Where(c => c != '\n' && (char.IsControl(c) || c == '\u202E')).Select(c => ((int)c).ToString("X4", CultureInfo.InvariantCulture)).Distinct().ToList();
        Assert.True(raw.Count == 0, $"raw control characters in the log: {string.Join(", ", raw)}");
        var logged = lines.Single(line => line.Contains("forged-json-5e1f", StringComparison.Ordinal));
        // Escaped on the line, and the same path again for whoever reads the JSON.
        Assert.Equal("/contactsync/x\n\u001b[2J\u007f\u009b31m\u202eforged-json-5e1f", JsonDocument.Parse(logged).RootElement.GetProperty("RequestPath").GetString());
    }

    private static IEnumerable<string> Malformed(string parameter, bool runsCursor) => parameter switch
    {
        "source" => ["not-a-configured-source", "IDLE", new string('s', 600)],
        "status" or "outcome" or "done" => ["lost", "retried;drop table"],
        "run" or "id" => ["not-a-run-id", "1234"],
        "from" or "to" => ["2026-13-45", "yesterday"],
        "count" or "limit" or "before" => ["-1", "1e3", "many", "99999999999999999999999"],
        "after" when runsCursor => ["not-a-cursor", "1.2.3", "123." + new string('z', 32), Base64Url("[null,null]")],
        "after" => ["not-a-cursor", "!!!", Base64Url("[null,null]"), Base64Url("[\"idle\",null]"), Base64Url("[\"idle\",\"k\\u0000\"]"), Base64Url("[1,2]"), Base64Url("{}")],
        "back" => ["https://elsewhere.example"],
        "q" or "key" or "sourceId" => [new string('q', 600)],
        _ => throw new ArgumentOutOfRangeException(nameof(parameter), parameter, "no malformed values for this parameter"),
    };

    private static string Base64Url(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private async Task<HttpResponseMessage> SendAsync(string method, string path, string parameter, string value)
    {
        // Every other parameter is well formed, so the refusal can only be for the one under test.
        var address = path.Replace("{source}", Source, StringComparison.Ordinal).Replace("{key}", "k-1", StringComparison.Ordinal).Replace("{id}", RunId, StringComparison.Ordinal);
        if (path.Contains("{" + parameter + "}", StringComparison.Ordinal))
        {
            var wellFormed = parameter switch { "source" => Source, "key" => "k-1", _ => RunId };
            address = address.Replace("/" + wellFormed, "/" + Uri.EscapeDataString(value), StringComparison.Ordinal);
            return await worker.Operator.GetAsync(address);
        }

        if (method == "GET")
        {
            return await worker.Operator.GetAsync($"{address}?{parameter}={Uri.EscapeDataString(value)}");
        }

        var form = new Dictionary<string, string> { ["__RequestVerificationToken"] = worker.Token, ["source"] = Source };
        if (path.EndsWith("confirm-removals", StringComparison.Ordinal))
        {
            form["run"] = RunId;
        }

        form[parameter] = value;
        using var content = new FormUrlEncodedContent(form);
        return await worker.Operator.PostAsync(address, content);
    }

    /// <param name="parameter">The parameter the answer names; null when the server refuses before the dashboard reads it.</param>
    private async Task AssertRefusedAsync(HttpResponseMessage answer, string? parameter)
    {
        var body = await answer.Content.ReadAsStringAsync();
        output.WriteLine($"{(int)answer.StatusCode} {body}");
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        if (parameter is not null)
        {
            Assert.Contains($"\"detail\":\"{parameter} ", body, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(Marker, body, StringComparison.Ordinal);
        Assert.DoesNotContain("not-a-configured-source", body, StringComparison.Ordinal);
        Assert.DoesNotContain("elsewhere.example", body, StringComparison.Ordinal);
        Assert.False(body.Any(char.IsControl), "the answer holds a control character");
    }
}
