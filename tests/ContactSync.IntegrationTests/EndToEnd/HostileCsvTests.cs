using System.Text;
using ContactSync.IntegrationTests.Infrastructure;

namespace ContactSync.IntegrationTests.EndToEnd;

/// <summary>
/// Careless and hostile files through the whole product: every bad row becomes a rejection with a reason, every
/// good row around it still reaches Nexudus, and a file that cannot be read at all ends the run with a clear error
/// and no call to Nexudus. Never a crash or a hang.
/// </summary>
[Collection(PostgresCollectionDefinition.Name)]
public sealed class HostileCsvTests(PostgresServer postgres)
{
    private const string Posts = "POST /api/billing/contractcontacts";

    [Fact]
    public async Task Rejects_each_hostile_row_with_a_reason_and_syncs_every_good_row_around_it()
    {
        await using var world = await EndToEndWorld.StartAsync(postgres);
        var csv = new ContactCsv()
            .Add("g01", 1001, ContactKind.Director, "Plain Good Person")
            .AddBadLine("ragged row", "h01,1001,Director,Too,Many,Fields,,,,,,,,,,,,")
            .AddBadLine("ragged row", "h02,1001,Director")
            .Add("g02", 1001, ContactKind.NominatedRecipient, "Robert'); DROP TABLE sync_records;--")
            .AddBadLine("malformed CSV", "h03,1002,Director,\"Open Quote Person,,,,,,,,,")
            .Add("g03", 1002, ContactKind.CompanyAlias, "<script>alert('alias')</script> Ltd")
            .AddBad("full_name", "h04", "1002", "Director", new string('x', 100 * 1024))
            .AddBad("full_name", "h05", "1002", "Director", "Nul\0Byte Person")
            .AddBad("full_name", "h06", "1003", "Director", "Escape\u001b[31m Person")
            .Add("g04", 1003, ContactKind.Director, "Zoë Ångström-Øberg", "zoe@example.com", "1980-01-31", "DE")
            // Text that a spreadsheet would run is still data: ContactSync writes through an API, not into a sheet.
            .Add("g06", 1003, ContactKind.Director, "=cmd|' /C calc'!A0")
            .Add("g07", 1003, ContactKind.NominatedRecipient, "@SUM(1+1)*cmd|' /C calc'!A0")
            .Add("g08", 1004, ContactKind.NominatedRecipient, "Formula Phone Person", address: new Address(Phone: "=HYPERLINK(1)"))
            .Add("g05", 1004, ContactKind.Director, "Last Good Person");

        // A UTF-8 byte order mark in front, and one row in Latin-1 that is not UTF-8.
        await csv.WriteAsync(world.CsvPath);
        var bytes = new List<byte>(Encoding.UTF8.GetPreamble());
        bytes.AddRange(await File.ReadAllBytesAsync(world.CsvPath));
        bytes.AddRange(Encoding.Latin1.GetBytes("h10,1004,Director,Ren\u00e9e Latin,,,,,,,,,\n"));
        csv.Invalid.Add(new ExpectedRejection((await File.ReadAllLinesAsync(world.CsvPath)).Length + 1, "UTF-8"));
        await File.WriteAllBytesAsync(world.CsvPath, [.. bytes]);

        var result = await world.SyncOnceAsync();

        Assert.True(result.ExitCode == 1, result.Output);
        Assert.Equal(csv.Valid.Count, result.Count("Created"));
        Assert.Equal(csv.Invalid.Count, result.Count("Rejected"));
        await world.AssertSandboxHoldsExactlyAsync(csv.Valid);
        var reasons = await world.RejectionReasonsByLineAsync();
        Assert.All(csv.Invalid, expected =>
            Assert.True(
                reasons.TryGetValue(expected.LineNumber, out var reason) && reason.Contains(expected.ReasonNames, StringComparison.Ordinal),
                $"Line {expected.LineNumber}: expected a reason naming '{expected.ReasonNames}', got '{reason}'"));
    }

    public static TheoryData<string, byte[], string> UnreadableFiles => new()
    {
        { "empty", [], "is empty" },
        { "no header", Encoding.UTF8.GetBytes("c1,1001,Director,Header Forgotten\nc2,1001,Director,Also Forgotten\n"), "source_id" },
        { "UTF-16", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(ContactCsv.Header + "\nc1,1001,Director,Wide Person\n")], "UTF-8" },
        { "binary", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0xFF, 0xD8, 0xFF], "source_id" },
    };

    [Theory]
    [MemberData(nameof(UnreadableFiles))]
    public async Task Ends_the_run_with_a_clear_error_for_a_file_that_cannot_be_read(string kind, byte[] content, string explanation)
    {
        await using var world = await EndToEndWorld.StartAsync(postgres);
        await File.WriteAllBytesAsync(world.CsvPath, content);

        var result = await world.SyncOnceAsync();

        Assert.True(result.ExitCode == 1, $"{kind}: {result.Output}");
        Assert.Contains("Outcome:   aborted", result.Process.StandardOutput, StringComparison.Ordinal);
        var error = result.Process.StandardOutput.Split('\n').Single(l => l.TrimStart().StartsWith("Error:", StringComparison.Ordinal));
        Assert.Contains(explanation, error, StringComparison.Ordinal);
        Assert.Equal(0, (await world.Sandbox.GetStatsAsync()).Count(Posts));
    }
}
