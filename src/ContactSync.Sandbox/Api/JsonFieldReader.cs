using System.Globalization;
using System.Text.Json;

namespace ContactSync.Sandbox.Api;

/// <summary>
/// Reads loosely-typed fields from a JSON object body the way Nexudus's JSON binding does: property names are
/// case-insensitive, numbers may arrive as strings, and a value of the wrong type is a validation error
/// rather than a failed request.
/// </summary>
internal sealed class JsonFieldReader
{
    private readonly Dictionary<string, JsonElement> fields = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<ValidationError> errors = [];

    public JsonFieldReader(JsonElement body)
    {
        foreach (var property in body.EnumerateObject())
        {
            fields[property.Name] = property.Value;
        }
    }

    public IReadOnlyList<ValidationError> Errors => errors;

    public JsonElement? Raw(string name) => fields.TryGetValue(name, out var value) ? value : null;

    public void AddError(string name, string message) => errors.Add(new ValidationError(Raw(name), message, name));

    public string? String(string name)
    {
        if (Raw(name) is not { } value)
        {
            return null;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return value.GetString();
            case JsonValueKind.Null or JsonValueKind.Undefined:
                return null;
            case JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                return value.GetRawText();
            default:
                AddError(name, "The value is not a valid text value.");
                return null;
        }
    }

    public int? Int(string name)
    {
        if (Raw(name) is not { } value)
        {
            return null;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.Number when value.TryGetInt32(out var number):
                return number;
            case JsonValueKind.String when string.IsNullOrWhiteSpace(value.GetString()):
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.String when int.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed):
                return parsed;
            default:
                AddError(name, "The value is not a valid whole number.");
                return null;
        }
    }
}
