using System.Text.Json;

namespace ContactSync.IntegrationTests.Infrastructure;

/// <summary>A field of a contact as the Sandbox returns it, as text: a string as it is, a number as written, null when absent or null.</summary>
internal static class ContactJson
{
    public static string? Text(JsonElement contact, string field)
        => contact.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()
            : null;
}
