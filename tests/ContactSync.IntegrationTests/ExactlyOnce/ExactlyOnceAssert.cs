using System.Globalization;
using System.Text.Json;
using ContactSync.Core.Mapping;

namespace ContactSync.IntegrationTests.ExactlyOnce;

/// <summary>What the final check found; <see cref="Duplicates"/> is reported by every scenario (and must be 0).</summary>
internal sealed record ExactlyOnceReport(int Contacts, int Duplicates, int Rejected);

/// <summary>
/// The end state every scenario must reach: the Sandbox holds exactly the valid records, each once and with the
/// source's data; the ledger has every valid record synced to that contact's Id and every invalid one rejected
/// with a reason naming its column; nothing else exists on either side.
/// </summary>
internal static class ExactlyOnceAssert
{
    private const int ShownProblems = 25;

    public static async Task<ExactlyOnceReport> HoldsAsync(ExactlyOnceRig rig)
    {
        var problems = new List<string>();
        var all = (await rig.Sandbox.GetContactsAsync()).EnumerateArray().ToList();
        problems.AddRange(ForeignProblems(rig, all));
        var foreignIds = rig.ForeignContacts.Select(Id).ToHashSet();
        var contacts = all.Where(contact => !foreignIds.Contains(Id(contact))).ToList();
        var byName = contacts
            .GroupBy(contact => NameNormaliser.NormaliseName(contact.GetProperty("FullName").GetString() ?? ""), StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.ToList(), StringComparer.Ordinal);
        var duplicates = byName.Values.Sum(group => group.Count - 1);
        foreach (var (name, group) in byName.Where(pair => pair.Value.Count > 1))
        {
            problems.Add($"{group.Count} contacts named {name} (Ids {string.Join(", ", group.Select(Id))})");
        }

        var valid = rig.Source.Valid.ToDictionary(row => NameNormaliser.NormaliseName(row.FullName), StringComparer.Ordinal);
        foreach (var name in byName.Keys.Where(name => !valid.ContainsKey(name)))
        {
            problems.Add($"unexpected contact {name} (Id {Id(byName[name][0])}): no valid source row has that name");
        }

        var ledger = await ReadLedgerAsync(rig);
        var ledgerIds = ledger.Where(pair => pair.Value.NexudusId is not null).ToDictionary(pair => pair.Key, pair => pair.Value.NexudusId!.Value);
        foreach (var row in rig.Source.Rows)
        {
            if (!ledger.Remove(row.SourceId, out var entry))
            {
                problems.Add($"{row.SourceId}: missing from the ledger");
                continue;
            }

            if (row.IsValid && rig.ExpectedLinks.TryGetValue(row.SourceId, out var linkedId))
            {
                if (entry.Status != "synced" || entry.NexudusId != linkedId)
                {
                    problems.Add($"{row.SourceId}: should be linked to contact {linkedId}, somebody else's; ledger says {entry.Status} with Id {entry.NexudusId}");
                }

                if (byName.TryGetValue(NameNormaliser.NormaliseName(row.FullName), out var created))
                {
                    problems.Add($"{row.SourceId}: linked to contact {linkedId}, yet also created as {string.Join(", ", created.Select(Id))}");
                }
            }
            else if (row.IsValid)
            {
                if (!byName.TryGetValue(NameNormaliser.NormaliseName(row.FullName), out var found))
                {
                    problems.Add($"{row.SourceId}: not in the Sandbox (ledger: {entry.Status}, Id {entry.NexudusId})");
                    continue;
                }

                var contact = found[0];
                problems.AddRange(Differences(row, contact, rig.CountryIds).Select(difference => $"{row.SourceId}: {difference}"));
                if (entry.Status != "synced" || found.TrueForAll(candidate => Id(candidate) != entry.NexudusId))
                {
                    problems.Add($"{row.SourceId}: ledger says {entry.Status} with Id {entry.NexudusId}, the Sandbox has Id {Id(contact)}");
                }
            }
            else if (entry.Status != "rejected" || entry.Reason is null
                     || !entry.Reason.StartsWith(row.InvalidColumn + ":", StringComparison.Ordinal))
            {
                problems.Add($"{row.SourceId}: expected rejected for {row.InvalidColumn}, ledger says {entry.Status}: {entry.Reason}");
            }
        }

        problems.AddRange(ledger.Keys.Select(sourceId => $"{sourceId}: in the ledger but not in the source"));
        problems.AddRange(ledgerIds.Where(pair => foreignIds.Contains(pair.Value) && !rig.ExpectedLinks.ContainsKey(pair.Key))
            .Select(pair => $"{pair.Key}: the ledger holds contact {pair.Value}, which somebody else typed in"));
        var unkeyed = await CountUnkeyedRejectionsAsync(rig);
        if (unkeyed > 0)
        {
            problems.Add($"{unkeyed} rows were rejected without a source_id in the last run; every row of the source has one");
        }

        if (problems.Count > 0)
        {
            Assert.Fail(
                $"Not exactly once {rig.Replay}: {problems.Count} problems, {duplicates} duplicates, {contacts.Count} contacts " +
                $"for {valid.Count} valid rows.{Environment.NewLine}" +
                string.Join(Environment.NewLine, problems.Take(ShownProblems)));
        }

        var report = new ExactlyOnceReport(contacts.Count, duplicates, rig.Source.Invalid.Count());
        rig.Log($"exactly once: {report.Contacts} contacts for {valid.Count} valid rows, {report.Rejected} rejected, {report.Duplicates} duplicates");
        return report;
    }

    /// <summary>Every contact somebody else made is still there, exactly as it was made.</summary>
    private static IEnumerable<string> ForeignProblems(ExactlyOnceRig rig, List<JsonElement> all)
    {
        string[] fields = ["CoworkerContractId", "ContractContactType", "FullName", "Email", "DateOfBirth", "PhoneNumber", "Notes", "AmlCheckStatus", "UpdatedOn"];
        foreach (var planted in rig.ForeignContacts)
        {
            var now = all.Find(contact => Id(contact) == Id(planted));
            if (now.ValueKind == JsonValueKind.Undefined)
            {
                yield return $"contact {Id(planted)}, somebody else's, is gone";
                continue;
            }

            foreach (var field in fields.Where(field => Text(now, field) != Text(planted, field)))
            {
                yield return $"contact {Id(planted)}, somebody else's, was changed: {field}";
            }
        }
    }

    private static IEnumerable<string> Differences(SourceRow row, JsonElement contact, IReadOnlyDictionary<string, int> countries)
    {
        var expected = new (string Field, string? Value)[]
        {
            ("CoworkerContractId", row.ContractId.ToString(CultureInfo.InvariantCulture)),
            ("ContractContactType", row.ContactType.ToString(CultureInfo.InvariantCulture)),
            ("FullName", row.FullName),
            ("Email", row.Email),
            ("DateOfBirth", row.DateOfBirth is null ? null : row.DateOfBirth + "T00:00:00"),
            ("CityName", row.City),
            ("CountryId", row.Country is null ? null : countries[row.Country].ToString(CultureInfo.InvariantCulture)),
            ("PhoneNumber", row.Phone),
            ("Notes", row.Notes),
        };
        foreach (var (field, value) in expected)
        {
            var actual = Text(contact, field);
            if (!string.Equals(actual, value, StringComparison.Ordinal))
            {
                yield return $"{field} is {actual ?? "null"}, expected {value ?? "null"}";
            }
        }
    }

    private static string? Text(JsonElement contact, string field) =>
        contact.TryGetProperty(field, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                JsonValueKind.String => value.GetString(),
                _ => value.GetRawText(),
            }
            : null;

    private static int Id(JsonElement contact) => contact.GetProperty("Id").GetInt32();

    private sealed record LedgerEntry(string Status, int? NexudusId, string? Reason);

    private static async Task<Dictionary<string, LedgerEntry>> ReadLedgerAsync(ExactlyOnceRig rig)
    {
        await using var command = rig.DataSource.CreateCommand(
            "select source_id, status, nexudus_id, last_error from sync_records where source = @source");
        command.Parameters.AddWithValue("source", ExactlyOnceRig.SourceName);
        var entries = new Dictionary<string, LedgerEntry>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            entries[reader.GetString(0)] = new LedgerEntry(
                reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetInt32(2), reader.IsDBNull(3) ? null : reader.GetString(3));
        }

        return entries;
    }

    private static async Task<long> CountUnkeyedRejectionsAsync(ExactlyOnceRig rig)
    {
        await using var command = rig.DataSource.CreateCommand(
            """
            select count(*) from sync_rejections
            where run_id = (select id from sync_runs where source = @source and status <> 'skipped' order by started_at desc limit 1)
            """);
        command.Parameters.AddWithValue("source", ExactlyOnceRig.SourceName);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
