using System.Globalization;
using System.Net.Http.Json;
using ContactSync.IntegrationTests.Infrastructure;

namespace ContactSync.IntegrationTests.EndToEnd;

/// <summary>The product path as an operator runs it: a CSV file, the worker's <c>sync-once</c>, PostgreSQL and Nexudus over HTTP.</summary>
[Collection(PostgresCollectionDefinition.Name)]
public sealed class CsvToNexudusTests(PostgresServer postgres)
{
    private const string ContactsRoute = "POST /api/billing/contractcontacts";
    private const string UpdateRoute = "PUT /api/billing/contractcontacts";

    [Fact]
    public async Task Syncs_180_good_rows_of_200_and_rejects_the_20_bad_ones_with_reasons_then_sends_nothing_on_a_rerun()
    {
        await using var world = await EndToEndWorld.StartAsync(postgres);
        var csv = TwoHundredRowsWithTwentyBad();
        await csv.WriteAsync(world.CsvPath);

        var first = await world.SyncOnceAsync();

        Assert.True(first.ExitCode == 1, $"Expected exit code 1 (some rows rejected), got {first.ExitCode}:\n{first.Output}");
        Assert.Equal(180, first.Count("Created"));
        Assert.Equal(20, first.Count("Rejected"));
        Assert.Equal(0, first.Count("Failed"));
        await world.AssertSandboxHoldsExactlyAsync(csv.Valid);

        var reasons = await world.RejectionReasonsByLineAsync();
        Assert.Equal(csv.Invalid.Select(r => r.LineNumber).Order(), reasons.Keys.Order());
        Assert.All(csv.Invalid, expected =>
            Assert.True(
                reasons[expected.LineNumber].Contains(expected.ReasonNames, StringComparison.Ordinal),
                $"Line {expected.LineNumber}: expected a reason naming '{expected.ReasonNames}', got '{reasons[expected.LineNumber]}'"));

        var writesAfterFirst = await WritesAsync(world);
        var second = await world.SyncOnceAsync();

        Assert.True(second.ExitCode == 1, $"The rejected rows are still rejected, so exit code 1; got {second.ExitCode}:\n{second.Output}");
        Assert.Equal(0, second.Count("Created"));
        Assert.Equal(180, second.Count("Unchanged"));
        Assert.Equal(20, second.Count("Rejected"));
        Assert.Equal(writesAfterFirst, await WritesAsync(world));
        await world.AssertSandboxHoldsExactlyAsync(csv.Valid);
    }

    [Fact]
    public async Task Adopts_a_record_left_in_flight_whose_contact_exists_and_creates_one_whose_contact_does_not()
    {
        await using var world = await EndToEndWorld.StartAsync(postgres);
        var csv = new ContactCsv()
            .Add("posted", 1001, ContactKind.Director, "Imogen Castellane", "imogen@example.com", "1975-06-01", "GB")
            .Add("never-posted", 1002, ContactKind.NominatedRecipient, "Tobias Wren")
            .Add("settled", 1003, ContactKind.CompanyAlias, "Castellane Holdings");
        await csv.WriteAsync(world.CsvPath);
        Assert.Equal(0, (await world.SyncOnceAsync()).ExitCode);

        // A crash between the POST and recording its answer leaves the row in flight with no Id; an hour later its
        // create can no longer be under way. For "never-posted" the crash came before the POST, so its contact is
        // also gone from Nexudus.
        var lost = (await world.SandboxContactsAsync()).Single(c => c.FullName == "Tobias Wren");
        using (var delete = await AuthorisedDeleteAsync(world, lost.Id))
        {
            delete.EnsureSuccessStatusCode();
        }

        await world.ExecuteAsync("update sync_records set status = 'in_flight', nexudus_id = null, in_doubt = true, attempted_payload = desired_payload, " +
            "attempt_floor_id = 0, in_flight_since = now() - interval '1 hour', in_flight_until = now() - interval '1 hour' where source_id in ('posted', 'never-posted')");
        var postsBefore = (await world.Sandbox.GetStatsAsync()).Count(ContactsRoute);

        var rerun = await world.SyncOnceAsync();

        Assert.True(rerun.ExitCode == 0, rerun.Output);
        Assert.Equal(1, rerun.Count("Adopted"));
        Assert.Equal(1, rerun.Count("Created"));
        Assert.Equal(1, rerun.Count("Unchanged"));
        Assert.Equal(postsBefore + 1, (await world.Sandbox.GetStatsAsync()).Count(ContactsRoute));
        await world.AssertSandboxHoldsExactlyAsync(csv.Valid);
    }

    [Fact]
    public async Task Refreshes_an_access_token_that_expires_during_a_run()
    {
        // Tokens live 2 s; one contract's contacts are pushed one after another, 100 ms each, so the run's
        // 50 creates outlive two tokens.
        await using var world = await EndToEndWorld.StartAsync(
            postgres, [.. EndToEndWorld.UnthrottledSandbox, "--token-lifetime", "2", "--latency-ms", "100"]);
        var csv = new ContactCsv();
        for (var i = 0; i < 50; i++)
        {
            csv.Add($"r{i}", 1001, ContactKind.NominatedRecipient, $"Refresh Person {i:D2}");
        }

        await csv.WriteAsync(world.CsvPath);

        var result = await world.SyncOnceAsync();

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Equal(50, result.Count("Created"));
        var stats = await world.Sandbox.GetStatsAsync();
        Assert.True(stats.Count("POST /api/token", 200) >= 2, $"Expected the token to be renewed at least once: {Describe(stats)}");
        Assert.Equal(50, stats.Count(ContactsRoute, 200));
        Assert.Equal(0, stats.Count(ContactsRoute, 401));
        await world.AssertSandboxHoldsExactlyAsync(csv.Valid);
    }

    [Fact]
    public async Task Waits_out_a_409_with_Retry_After_and_then_creates_the_contact_once()
    {
        await using var world = await EndToEndWorld.StartAsync(
            postgres, [.. EndToEndWorld.UnthrottledSandbox, "--fault-retry-after", "2"]);
        var csv = new ContactCsv()
            .Add("a", 1001, ContactKind.Director, "Throttled First")
            .Add("b", 1002, ContactKind.Director, "Throttled Second");
        await csv.WriteAsync(world.CsvPath);
        using (var script = await world.Sandbox.Client.PostAsJsonAsync(
            "_sandbox/faults/next", new { Kind = "Throttle409", Count = 1, Method = "POST", Path = "/api/billing/contractcontacts" }))
        {
            script.EnsureSuccessStatusCode();
        }

        var result = await world.SyncOnceAsync();

        Assert.True(result.ExitCode == 0, result.Output);
        var stats = await world.Sandbox.GetStatsAsync();
        Assert.Equal(1, stats.Count(ContactsRoute, 409));
        Assert.Equal(2, stats.Count(ContactsRoute, 200));
        Assert.True(
            SummaryDuration(result) >= TimeSpan.FromSeconds(2),
            $"The run must have waited out Retry-After: 2 before retrying:\n{result.Output}");
        await world.AssertSandboxHoldsExactlyAsync(csv.Valid);
    }

    /// <summary>
    /// 180 good rows over 20 contracts and the three contact types, and 20 bad ones: one for each way a row can be
    /// wrong before Nexudus sees it, and two that only Nexudus can refuse (contracts it does not have).
    /// </summary>
    private static ContactCsv TwoHundredRowsWithTwentyBad()
    {
        var csv = new ContactCsv();
        var countries = new[] { "GB", "FR", "DE", "ES", "" };
        var good = 0;
        void AddGood(int count)
        {
            for (var i = 0; i < count; i++, good++)
            {
                var contract = 1001 + (good % 20);
                var id = $"c{good:D3}";
                switch (good % 3)
                {
                    case 0:
                        var born = new DateOnly(1950, 1, 1).AddDays(good * 97).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                        csv.Add(id, contract, ContactKind.Director, $"Director Number {good:D3}", $"director{good}@example.com", born, countries[good % 5]);
                        break;
                    case 1:
                        csv.Add(id, contract, ContactKind.CompanyAlias, $"Alias Trading {good:D3} Ltd");
                        break;
                    default:
                        csv.Add(id, contract, ContactKind.NominatedRecipient, $"Recipient Number {good:D3}", $"recipient{good}@example.com");
                        break;
                }
            }
        }

        AddGood(20);
        csv.AddBad("full_name", "bad01", "1001", "Director", "");
        csv.AddBad("full_name", "bad02", "1001", "Director", "   ");
        csv.AddBad("contact_type", "bad03", "1002", "Secretary", "Unknown Type Person");
        AddGood(20);
        csv.AddBad("contact_type", "bad04", "1002", "4", "Type Four Person");
        csv.AddBad("date_of_birth", "bad05", "1003", "Director", "Bad Date Person", dateOfBirth: "1980-02-30");
        csv.AddBad("date_of_birth", "bad06", "1003", "Director", "Slashed Date Person", dateOfBirth: "12/05/1980");
        AddGood(20);
        csv.AddBad("country", "bad07", "1004", "Director", "Nowhere Person", country: "ZZ");
        csv.AddBad("email", "bad08", "1004", "NominatedRecipient", "Bad Email Person", email: "not-an-email");
        csv.AddBad("full_name", "bad09", "1005", "Director", "Bell\u0007 Person");
        AddGood(20);
        csv.AddBad("source_id", "c000", "1005", "Director", "Second Holder Of An Id");
        csv.AddBad("source_id", "", "1006", "Director", "No Id Person");
        csv.AddBad("coworker_contract_id", "bad12", "abc", "Director", "Wordy Contract Person");
        AddGood(20);
        csv.AddBadLine("ragged row", "bad13,1006,Director,Short Row Person");
        csv.AddBadLine("malformed CSV", "bad14,1007,Director,Stray \"Quote Person,,,,,,,,,");
        csv.AddBad("full_name", "bad15", "1007", "Director", new string('N', 300));
        AddGood(20);
        csv.AddBad("date_of_birth", "bad16", "1008", "CompanyAlias", "Aged Alias Ltd", dateOfBirth: "1990-01-01");
        csv.AddBad("full_name", "bad17", "1008", "Director", "Bell\u0007 Person");
        csv.AddBad("coworker_contract_id", "bad18", "", "Director", "Contractless Person");
        AddGood(30);
        csv.AddBad("CoworkerContract", "bad19", "9999", "Director", "Unknown Contract Person");
        csv.AddBad("CoworkerContract", "bad20", "1051", "NominatedRecipient", "Beyond The Seeds Person");
        AddGood(30);
        return csv;
    }

    private static async Task<int> WritesAsync(EndToEndWorld world)
    {
        var stats = await world.Sandbox.GetStatsAsync();
        return stats.Count(ContactsRoute) + stats.Count(UpdateRoute) + stats.Count("DELETE /api/billing/contractcontacts/{id}");
    }

    private static async Task<HttpResponseMessage> AuthorisedDeleteAsync(EndToEndWorld world, int id)
    {
        using var token = await world.Sandbox.Client.PostAsync("api/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["username"] = SandboxProcess.DefaultUsername,
            ["password"] = SandboxProcess.DefaultPassword,
        }));
        token.EnsureSuccessStatusCode();
        var accessToken = (await token.Content.ReadFromJsonAsync<TokenBody>())?.access_token
            ?? throw new InvalidOperationException("The sandbox issued no access token.");
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"api/billing/contractcontacts/{id}");
        request.Headers.Authorization = new("Bearer", accessToken);
        return await world.Sandbox.Client.SendAsync(request);
    }

    private static TimeSpan SummaryDuration(EndToEndWorld.SyncOnceResult result)
    {
        var line = result.Process.StandardOutput.Split('\n').Single(l => l.TrimStart().StartsWith("Duration:", StringComparison.Ordinal));
        return TimeSpan.ParseExact(line.Split(':', 2)[1].Trim(), @"hh\:mm\:ss\.fff", CultureInfo.InvariantCulture);
    }

    private static string Describe(SandboxStats stats) =>
        string.Join(", ", stats.Requests.Select(r => $"{r.Key} {string.Join('/', r.Value.Select(s => $"{s.Key}x{s.Value}"))}"));

#pragma warning disable IDE1006, CA1812 // the token endpoint's JSON names
    private sealed record TokenBody(string access_token);
#pragma warning restore IDE1006, CA1812
}
