using System.Text.Json;
using System.Text.Json.Nodes;
using ContactSync.Core.Contacts;

namespace ContactSync.Core.Nexudus.Model;

/// <summary>
/// Builds a PUT body from the record as Nexudus holds it. A PUT clears whatever it leaves out, so every field is
/// sent back as Nexudus holds it, except those the payload writes: a field it has a value for (a set-if-empty one only
/// where Nexudus holds nothing), and a field it clears. Everything else, the fields the source does not supply or
/// leaves empty, stays as staff, customers or AML checks left it.
/// </summary>
internal static class ContractContactOverlay
{
    // Not owned on update: Nexudus runs the AML check, and resetting its result to NotStarted would undo it.
    private const string AmlCheckStatus = nameof(ContractContactPayload.AmlCheckStatus);

    /// <returns>The body to PUT, and the names of the fields whose value it changes (none: nothing to write).</returns>
    public static (JsonObject Body, IReadOnlyList<string> Changed) Apply(JsonObject record, int id, ContractContactPayload payload)
    {
        var desired = Serialise(payload);
        var changed = new List<string>();
        foreach (var (name, value) in desired)
        {
            if (name == AmlCheckStatus || !Writes(payload, name, record))
            {
                continue;
            }

            if (Comparable(name, Value(record, name)) != Comparable(name, value))
            {
                changed.Add(name);
            }

            Set(record, name, value?.DeepClone());
        }

        Set(record, "Id", id);

        // Required by Nexudus on update; 0 (NotStarted) only when the record somehow has none.
        if (Find(record, AmlCheckStatus) is not { } existing || record[existing] is null)
        {
            Set(record, AmlCheckStatus, 0);
        }

        return (record, changed);
    }

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

    /// <summary>
    /// The fields ContactSync owns whose value in <paramref name="record"/> (as Nexudus holds it now) differs from what
    /// ContactSync last wrote, <paramref name="lastWritten"/>: edits made in Nexudus since. A field ContactSync does not
    /// own (not supplied, left empty and kept, set only if empty) is Nexudus's, and an edit to it is no conflict. Names
    /// only, never values. Blank and missing are the same, text is compared trimmed, a date of birth by its calendar date.
    /// </summary>
    public static IReadOnlyList<string> EditedSince(JsonObject record, ContractContactPayload lastWritten)
    {
        var written = Serialise(lastWritten);
        var edited = new List<string>();
        foreach (var (name, value) in written)
        {
            if (name == AmlCheckStatus || !Owns(lastWritten, name))
            {
                continue;
            }

            if (Comparable(name, Value(record, name)) != Comparable(name, value))
            {
                edited.Add(name);
            }
        }

        return edited;
    }

    private static JsonObject Serialise(ContractContactPayload payload)
        => JsonSerializer.SerializeToNode(payload, NexudusJson.WithNulls)?.AsObject()
           ?? throw new InvalidOperationException("A ContractContact payload serialised to nothing.");

    /// <summary>Whether the payload decides <paramref name="name"/> whatever Nexudus holds (the contract and the type always).</summary>
    private static bool Owns(ContractContactPayload payload, string name)
        => !ContactFieldNames.TryParse(name, out var field) || payload.Owned.HasFlag(field);

    /// <summary>Whether an update over <paramref name="record"/> writes <paramref name="name"/>: owned, or set-if-empty and empty there.</summary>
    private static bool Writes(ContractContactPayload payload, string name, JsonObject record)
        => Owns(payload, name)
           || (ContactFieldNames.TryParse(name, out var field) && payload.SetIfEmpty.HasFlag(field) && payload.HasValue(field)
               && Comparable(name, Value(record, name)) is null);

    private static JsonNode? Value(JsonObject record, string name) => Find(record, name) is { } key ? record[key] : null;

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
