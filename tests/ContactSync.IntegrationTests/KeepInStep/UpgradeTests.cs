using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using ContactSync.IntegrationTests.ExactlyOnce;
using ContactSync.IntegrationTests.Infrastructure;
using NpgsqlTypes;
using Xunit.Abstractions;

namespace ContactSync.IntegrationTests.KeepInStep;

/// <summary>
/// Upgrading to field ownership changes no record: a ledger of synced records stored as the version before it stored
/// them (every mapped field, nulls left out, hashed over that serialisation) reads back as unchanged, and the first run
/// after the upgrade writes nothing to Nexudus.
/// </summary>
[Collection(PostgresCollectionDefinition.Name)]
public sealed class UpgradeTests(PostgresServer postgres, ITestOutputHelper output)
{
    private const int Records = 10_000;

    [Fact]
    public async Task A_ledger_of_10000_synced_records_from_the_previous_version_makes_no_write_after_the_upgrade()
    {
        await using var rig = await ExactlyOnceRig.StartAsync("upgrade", postgres, output, records: Records, invalidShare: 0);
        var rows = rig.Source.Valid.ToList();
        var previous = rows.Select(row => Previous(row, rig.CountryIds)).ToList();

        // Nexudus holds each contact as the previous version created it, and the ledger says so.
        using (var seeded = await rig.Sandbox.Client.PostAsJsonAsync("_sandbox/contractcontacts", previous))
        {
            Assert.True(seeded.IsSuccessStatusCode, await seeded.Content.ReadAsStringAsync());
            var ids = (await seeded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("Ids").EnumerateArray().Select(id => id.GetInt32()).ToArray();
            await StoreAsPreviousVersionAsync(rig, rows, previous, ids);
        }

        var stats = await rig.Sandbox.GetStatsAsync();
        var run = await rig.RunSyncOnceAsync();
        var calls = (await rig.Sandbox.GetStatsAsync()).Since(stats);

        rig.Log($"first run after the upgrade: {calls.Describe()}");
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal(0, calls.Creates + calls.Count("PUT /api/billing/contractcontacts") + calls.Count("DELETE /api/billing/contractcontacts/{id}"));
        Assert.Equal(Records, ExactlyOnceRig.Count(run.StandardOutput, "Unchanged"));
        Assert.Equal(Records, await rig.CountWithStatusAsync("synced"));
    }

    private static async Task StoreAsPreviousVersionAsync(ExactlyOnceRig rig, List<SourceRow> rows, List<PreviousPayload> payloads, int[] ids)
    {
        var json = payloads.Select(payload => JsonSerializer.Serialize(payload, PreviousOptions)).ToArray();
        var hashes = json.Select(text => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))).ToArray();
        await using var command = rig.DataSource.CreateCommand(
            """
            insert into sync_records
                (source, source_id, line_number, coworker_contract_id, contact_type, desired_payload, desired_hash, synced_hash,
                 synced_payload, nexudus_id, status, origin, created_at, updated_at)
            select @source, t.source_id, t.line, t.contract, t.type, t.payload::jsonb, t.hash, t.hash, t.payload::jsonb, t.id, 'synced', 'created', now(), now()
            from unnest(@ids, @lines, @contracts, @types, @payloads, @hashes, @nexudus) as t(source_id, line, contract, type, payload, hash, id)
            """);
        command.Parameters.AddWithValue("source", ExactlyOnceRig.SourceName);
        command.Parameters.AddWithValue("ids", rows.Select(row => row.SourceId).ToArray());
        command.Parameters.AddWithValue("lines", rows.Select((_, index) => (long)index + 2).ToArray());
        command.Parameters.AddWithValue("contracts", rows.Select(row => row.ContractId).ToArray());
        command.Parameters.Add(new Npgsql.NpgsqlParameter("types", NpgsqlDbType.Array | NpgsqlDbType.Smallint) { Value = rows.Select(row => (short)row.ContactType).ToArray() });
        command.Parameters.AddWithValue("payloads", json);
        command.Parameters.AddWithValue("hashes", hashes);
        command.Parameters.AddWithValue("nexudus", ids);
        Assert.Equal(rows.Count, await command.ExecuteNonQueryAsync());
    }

    /// <summary>A row as the previous version mapped it: every field the CSV has, a date of birth at midnight with no offset.</summary>
    private static PreviousPayload Previous(SourceRow row, IReadOnlyDictionary<string, int> countries) => new(
        row.ContractId, row.FullName, row.ContactType, 0, row.Email,
        row.DateOfBirth is null ? null : string.Create(CultureInfo.InvariantCulture, $"{row.DateOfBirth}T00:00:00"),
        null, null, row.City, null, row.Country is null ? null : countries[row.Country], row.Phone, row.Notes);

    // The previous version's stored form: the payload's properties in their order, nulls left out, Nexudus's names.
    private static readonly JsonSerializerOptions PreviousOptions = new()
    {
        PropertyNamingPolicy = null,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private sealed record PreviousPayload(
        int CoworkerContractId, string FullName, int ContractContactType, int AmlCheckStatus, string? Email, string? DateOfBirth,
        string? Address, string? PostCode, string? CityName, string? State, int? CountryId, string? PhoneNumber, string? Notes);
}
