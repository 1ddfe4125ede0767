using System.Globalization;
using ContactSync.IntegrationTests.ExactlyOnce;
using ContactSync.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace ContactSync.IntegrationTests.KeepInStep;

/// <summary>
/// A live account is never empty: the contacts staff and customers typed in are found before anything is created, so a
/// first sync links them instead of duplicating them, refuses to guess between two candidates, and sends one contact
/// for a person the source lists twice. Over HTTP against the Sandbox, with the worker as a process.
/// </summary>
[Collection(PostgresCollectionDefinition.Name)]
public sealed class MatchExistingContactsTests(PostgresServer postgres, ITestOutputHelper output)
{
    private const string ListRoute = "GET /api/billing/contractcontacts";
    private const int Rows = 1000;
    private const int HandEntered = 300;

    [Theory]
    [InlineData(1000)]
    [InlineData(25)]
    public async Task A_first_sync_links_the_contacts_already_typed_in_and_creates_only_the_rest(int maxPageSize)
    {
        await using var rig = await ExactlyOnceRig.StartAsync(
            $"match-existing-{maxPageSize}", postgres, output, records: Rows, invalidShare: 0,
            sandboxArguments: ["--max-page-size", maxPageSize.ToString(CultureInfo.InvariantCulture)]);
        var rows = rig.Source.Rows.ToList();

        // 300 of the source's people were typed in already, each spelt differently, with Nexudus's AML results on them.
        var seeded = rows.Take(HandEntered).Select((row, i) => (row, HandTyped(row, Variant(row.FullName, row.ContactType, i)), true)).ToList();

        // Two more people were typed in twice each: which one is the row's is for an operator to say.
        var doubled = rows.Skip(HandEntered).Take(2).ToList();
        foreach (var row in doubled)
        {
            seeded.Add((row, HandTyped(row, row.FullName), false));
            seeded.Add((row, HandTyped(row, row.FullName.ToUpperInvariant()), false));
        }

        var ids = await rig.SeedForeignContactsAsync(seeded);
        for (var i = 0; i < doubled.Count; i++)
        {
            rig.Source.Edit(rows.IndexOf(doubled[i]), row => row with { InvalidColumn = "ambiguous" });
        }

        // And the source lists one person twice, under a second key, surname first.
        var listedTwice = rows[HandEntered + 10];
        rig.Source.Append(listedTwice with
        {
            SourceId = "eo-second-key",
            FullName = SurnameFirst(listedTwice.FullName, listedTwice.ContactType),
            InvalidColumn = $"same person as source_id {listedTwice.SourceId}",
        });
        await rig.Source.WriteAsync(rig.CsvPath);
        var before = await rig.Sandbox.GetStatsAsync();

        var first = await rig.RunSyncOnceAsync();

        var firstStats = (await rig.Sandbox.GetStatsAsync()).Since(before);
        var counts = await LastRunAsync(rig);
        rig.Log($"first run (exit {first.ExitCode}): {counts}; {firstStats.Count(ListRoute)} list reads for {seeded.Count} existing contacts at pages of {maxPageSize}");
        Assert.Equal(("completed_with_errors", 698, 300, 3), counts);
        Assert.Equal(698, firstStats.Creates);
        Assert.Equal(0, firstStats.Count("PUT /api/billing/contractcontacts"));

        // The contacts already there are read whole, once, in the largest pages the server gives.
        Assert.Equal((seeded.Count + maxPageSize - 1) / maxPageSize, firstStats.Count(ListRoute));

        for (var i = 0; i < doubled.Count; i++)
        {
            var reason = await ReasonAsync(rig, doubled[i].SourceId);
            Assert.Equal(
                $"ambiguous: Nexudus has 2 candidates (Ids {ids[HandEntered + (2 * i)]}, {ids[HandEntered + (2 * i) + 1]})",
                reason[..reason.IndexOf(" on the contract", StringComparison.Ordinal)]);
        }

        var report = await ExactlyOnceAssert.HoldsAsync(rig);
        Assert.Equal(0, report.Duplicates);

        // Nothing left to create: the next run writes nothing, and reads only for the two it still cannot place.
        var settled = await rig.Sandbox.GetStatsAsync();
        var second = await rig.RunSyncOnceAsync();
        var secondStats = (await rig.Sandbox.GetStatsAsync()).Since(settled);
        rig.Log($"second run (exit {second.ExitCode}): {await LastRunAsync(rig)}; {secondStats.Count(ListRoute)} list reads");
        Assert.Equal(0, secondStats.Creates + secondStats.Count("PUT /api/billing/contractcontacts"));
        Assert.InRange(secondStats.Count(ListRoute), 0, doubled.Count);
        await ExactlyOnceAssert.HoldsAsync(rig);
    }

    /// <summary>A contact as reception typed it: the row's contract, type and date of birth, no email, the AML check done.</summary>
    private static Dictionary<string, object?> HandTyped(SourceRow row, string fullName) => new()
    {
        ["CoworkerContractId"] = row.ContractId,
        ["ContractContactType"] = row.ContactType,
        ["FullName"] = fullName,
        ["DateOfBirth"] = row.DateOfBirth is null ? null : row.DateOfBirth + "T00:00:00",
        ["AmlCheckStatus"] = 2,
        ["AmlCheckDate"] = "2026-03-02T09:30:00Z",
        ["AmlNotes"] = "Cleared: no sanctions match",
        ["Notes"] = "Typed in by reception",
        ["UpdatedBy"] = "reception@example.com",
    };

    /// <summary>One of the ways a person types a name someone else spelt.</summary>
    private static string Variant(string name, int contactType, int i) => (i % 5) switch
    {
        0 => name.ToUpperInvariant(),
        1 => SurnameFirst(name, contactType),
        2 => "  " + name.ToLowerInvariant().Replace(" ", "   ", StringComparison.Ordinal) + " ",
        3 => name.Replace('a', '\u00E1').Replace('e', '\u00E9').Replace('o', '\u00F6'),
        _ => contactType == 2 ? name.Replace(" Ltd", " Limited", StringComparison.Ordinal) : "Mr. " + name,
    };

    private static string SurnameFirst(string name, int contactType)
    {
        if (contactType == 2)
        {
            return name.ToUpperInvariant() + ".";
        }

        var last = name.LastIndexOf(' ');
        return $"{name[(last + 1)..].ToUpperInvariant()}, {name[..last]}";
    }

    private static async Task<(string Status, int Created, int Linked, int Rejected)> LastRunAsync(ExactlyOnceRig rig)
    {
        await using var command = rig.DataSource.CreateCommand("select status, created, linked, rejected from sync_runs order by started_at desc limit 1");
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "no run was recorded");
        return (reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3));
    }

    private static async Task<string> ReasonAsync(ExactlyOnceRig rig, string sourceId)
    {
        await using var command = rig.DataSource.CreateCommand("select last_error from sync_records where source_id = @id and status = 'rejected'");
        command.Parameters.AddWithValue("id", sourceId);
        return (string?)await command.ExecuteScalarAsync() ?? $"{sourceId} is not rejected";
    }
}
