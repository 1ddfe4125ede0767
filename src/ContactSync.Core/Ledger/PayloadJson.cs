using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ContactSync.Core.Contacts;
using ContactSync.Core.Ledger;
using ContactSync.Core.Nexudus.Model;

namespace ContactSync.Core.Ledger;

/// <summary>
/// The stored form of a desired payload and its hash. The hash is taken over this exact serialisation
/// (stable property order), so an unchanged source record hashes the same run after run.
/// </summary>
/// <remarks>
/// What an update may do to the fields the payload leaves empty (<see cref="ContractContactPayload.Clear"/>,
/// <see cref="ContractContactPayload.SetIfEmpty"/>) follows the fields, and only when there is any: a payload that
/// owns just what it has values for is stored exactly as before those settings existed, so its hash is unchanged
/// and an upgrade sends nothing; a change of those settings is a change of the payload, and reaches Nexudus.
/// </remarks>
public static class PayloadJson
{
    private const string ClearKey = "Clear";
    private const string SetIfEmptyKey = "SetIfEmpty";

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = null,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize(ContractContactPayload payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (payload.Clear == ContactFields.None && payload.SetIfEmpty == ContactFields.None)
        {
            return JsonSerializer.Serialize(payload, Options);
        }

        var json = JsonSerializer.SerializeToNode(payload, Options)!.AsObject();
        Add(json, ClearKey, payload.Clear);
        Add(json, SetIfEmptyKey, payload.SetIfEmpty);
        return json.ToJsonString(Options);
    }

    public static ContractContactPayload Deserialize(string json)
    {
        var node = JsonNode.Parse(json)?.AsObject() ?? throw new InvalidOperationException("A stored payload is empty.");
        var clear = Take(node, ClearKey);
        var setIfEmpty = Take(node, SetIfEmptyKey);
        var payload = node.Deserialize<ContractContactPayload>(Options) ?? throw new InvalidOperationException("A stored payload is empty.");
        return payload with { Clear = clear, SetIfEmpty = setIfEmpty };
    }

    /// <summary>
    /// A stored payload as an update of a contact of <paramref name="origin"/> applies it: on a contact ContactSync did
    /// not create (<see cref="State.RecordOrigin"/>), nothing is cleared, since somebody typed in what it holds.
    /// </summary>
    public static ContractContactPayload DeserializeFor(string json, string? origin)
    {
        var payload = Deserialize(json);
        return origin == RecordOrigin.Created ? payload : payload.KeepingEmpty();
    }

    public static string Hash(string json) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));

    private static void Add(JsonObject json, string key, ContactFields fields)
    {
        if (fields != ContactFields.None)
        {
            json[key] = new JsonArray([.. ContactFieldNames.Names(fields).Select(name => JsonValue.Create(name))]);
        }
    }

    private static ContactFields Take(JsonObject json, string key)
    {
        if (!json.Remove(key, out var value) || value is not JsonArray names)
        {
            return ContactFields.None;
        }

        return ContactFieldNames.Parse(names.Select(name => name?.GetValue<string>() ?? ""));
    }
}
