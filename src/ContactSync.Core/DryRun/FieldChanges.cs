using System.Text.Json;
using System.Text.Json.Nodes;
using ContactSync.Core.Contacts;
using ContactSync.Core.Ledger;
using ContactSync.Core.Nexudus.Model;

namespace ContactSync.Core.DryRun;

/// <summary>
/// What an update would do to each field, from the ledger alone (a dry run reads no contact): the fields it changes
/// from what was last written, those it sets only where Nexudus holds nothing, and those it leaves as Nexudus holds
/// them. Names only, never values.
/// </summary>
internal sealed record FieldChanges(IReadOnlyList<string> Changed, IReadOnlyList<string> SetIfEmpty, IReadOnlyList<string> LeftAlone)
{
    /// <param name="beforeJson">What was last written (or last wanted), stored form; null when nothing was.</param>
    /// <param name="origin">How the record came to hold its contact: only one ContactSync created has its empty fields cleared.</param>
    public static FieldChanges Of(string? beforeJson, string afterJson, string? origin)
    {
        var after = PayloadJson.DeserializeFor(afterJson, origin);

        var before = beforeJson is null ? null : PayloadJson.Deserialize(beforeJson);
        var (was, now) = (Values(before), Values(after)!);
        var changed = now.Select(pair => pair.Key)
            .Where(name => !ContactFieldNames.TryParse(name, out var field) || after.Owned.HasFlag(field))
            .Where(name => !JsonNode.DeepEquals(was?[name], now[name]))
            .Order(StringComparer.Ordinal)
            .ToList();
        var setIfEmpty = ContactFieldNames.Names(after.SetIfEmpty & after.Valued);
        var leftAlone = ContactFieldNames.Names(ContactFields.All & ~after.Owned & ~after.SetIfEmpty);
        return new FieldChanges(changed, setIfEmpty, leftAlone);
    }

    private static JsonObject? Values(ContractContactPayload? payload)
        => payload is null ? null : JsonSerializer.SerializeToNode(payload, NexudusJson.WithNulls)?.AsObject();
}
