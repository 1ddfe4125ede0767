using System.Text.Json;
using System.Text.Json.Nodes;

namespace ContactSync.Core.Nexudus;

/// <summary>
/// Builds a PUT body from the record as Nexudus holds it. A PUT clears whatever it leaves out, so every field is
/// sent back; the fields ContactSync owns are replaced by the payload's, and a null there clears the field.
/// </summary>
internal static class ContractContactOverlay
{
    // Not owned on update: Nexudus runs the AML check, and resetting its result to NotStarted would undo it.
    private const string AmlCheckStatus = nameof(ContractContactPayload.AmlCheckStatus);

    public static JsonObject Apply(JsonObject record, int id, ContractContactPayload payload)
    {
        var desired = JsonSerializer.SerializeToNode(payload, NexudusJson.WithNulls)?.AsObject()
            ?? throw new InvalidOperationException("A ContractContact payload serialised to nothing.");

        foreach (var (name, value) in desired)
        {
            if (name != AmlCheckStatus)
            {
                Set(record, name, value?.DeepClone());
            }
        }

        Set(record, "Id", id);

        // Required by Nexudus on update; 0 (NotStarted) only when the record somehow has none.
        if (Find(record, AmlCheckStatus) is not { } existing || record[existing] is null)
        {
            Set(record, AmlCheckStatus, 0);
        }

        return record;
    }

    /// <summary>
    /// The fields ContactSync maps whose value in <paramref name="record"/> (as Nexudus holds it now) differs from what
    /// ContactSync last wrote, <paramref name="lastWritten"/>: edits made in Nexudus since. Names only, never values.
    /// Blank and missing are the same, text is compared trimmed, a date of birth by its calendar date.
    /// </summary>
    /// <summary>
    /// <see cref="EditedSince(JsonObject, ContractContactPayload)"/> for a contact as a list shows it: lists leave some
    /// fields out (Notes), so only those a list carries are compared.
    /// </summary>
    public static IReadOnlyList<string> EditedSince(ContractContact listed, ContractContactPayload lastWritten)
    {
        ArgumentNullException.ThrowIfNull(listed);
        var record = JsonSerializer.SerializeToNode(listed, NexudusJson.WithNulls)?.AsObject() ?? [];
        return [.. EditedSince(record, lastWritten).Where(name => record.ContainsKey(name))];
    }

    public static IReadOnlyList<string> EditedSince(JsonObject record, ContractContactPayload lastWritten)
    {
        var written = JsonSerializer.SerializeToNode(lastWritten, NexudusJson.WithNulls)?.AsObject()
            ?? throw new InvalidOperationException("A ContractContact payload serialised to nothing.");
        var edited = new List<string>();
        foreach (var (name, value) in written)
        {
            if (name == AmlCheckStatus)
            {
                continue;
            }

            var now = Find(record, name) is { } key ? record[key] : null;
            if (Comparable(name, now) != Comparable(name, value))
            {
                edited.Add(name);
            }
        }

        return edited;
    }

    private static string? Comparable(string name, JsonNode? value)
    {
        var text = value switch
        {
            null => null,
            JsonValue plain when plain.TryGetValue<string>(out var s) => s.Trim(),
            _ => value.ToJsonString(),
        };
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return name == nameof(ContractContactPayload.DateOfBirth) && text.Length >= 10 ? text[..10] : text;
    }

    private static void Set(JsonObject record, string name, JsonNode? value)
    {
        // Nexudus reads names case-insensitively; replace a differently cased twin rather than send both.
        if (Find(record, name) is { } existing && existing != name)
        {
            record.Remove(existing);
        }

        record[name] = value;
    }

    private static string? Find(JsonObject record, string name)
        => record.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));
}
