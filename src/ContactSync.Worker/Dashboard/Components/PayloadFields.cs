using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ContactSync.Core.Contacts;
using ContactSync.Core.Ledger;
using ContactSync.Core.Nexudus.Model;

namespace ContactSync.Worker.Dashboard.Components;

/// <summary>One field of a record's payload, for its page: what the source wants, what was last written, and whose it is.</summary>
internal sealed record PayloadField(string Name, string? Desired, string? LastWritten, string Owner);

/// <summary>A record's payloads as a table of fields, so an operator sees which fields an update changes and which it leaves alone.</summary>
internal static class PayloadFields
{
    private const string Source = "the source's";
    private const string Nexudus = "left as Nexudus has it";

    private static readonly string[] Identity = [nameof(ContractContactPayload.CoworkerContractId)];

    public static IReadOnlyList<PayloadField> Rows(string? desiredJson, string? lastWrittenJson, string? origin)
    {
        if (desiredJson is null && lastWrittenJson is null)
        {
            return [];
        }

        var desired = desiredJson is null ? null : PayloadJson.Deserialize(desiredJson);
        var written = lastWrittenJson is null ? null : PayloadJson.Deserialize(lastWrittenJson);
        var (wanted, was) = (Values(desired), Values(written));
        var rows = new List<PayloadField>
        {
            new(nameof(ContractContactPayload.CoworkerContractId), Text(wanted, Identity[0]), Text(was, Identity[0]), Source),
            new(nameof(ContractContactPayload.ContractContactType), desired?.ContractContactType.ToString(), written?.ContractContactType.ToString(), Source),
        };
        foreach (var field in ContactFieldNames.Each)
        {
            var name = ContactFieldNames.Name(field);
            rows.Add(new PayloadField(name, Text(wanted, name), Text(was, name), desired is null ? "" : Owner(desired, field, origin)));
        }

        return rows;
    }

    private static string Owner(ContractContactPayload desired, ContactFields field, string? origin)
    {
        if (desired.SetIfEmpty.HasFlag(field))
        {
            return "set only where Nexudus has nothing";
        }

        if (desired.HasValue(field))
        {
            return Source;
        }

        if (desired.Clear.HasFlag(field))
        {
            return origin == RecordOrigin.Created ? "cleared by the source (EmptyValues=Clear)" : "empty in the source, kept: ContactSync did not create this contact";
        }

        return Nexudus;
    }

    private static JsonObject? Values(ContractContactPayload? payload)
        => payload is null ? null : JsonSerializer.SerializeToNode(payload)?.AsObject();

    private static string? Text(JsonObject? values, string name) => values?[name] switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonValue value when value.TryGetValue<int>(out var number) => number.ToString(CultureInfo.InvariantCulture),
        var other => other.ToJsonString(),
    };
}
