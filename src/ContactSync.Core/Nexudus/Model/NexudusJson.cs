using System.Text.Json;
using System.Text.Json.Serialization;

namespace ContactSync.Core.Nexudus.Model;

/// <summary>Nexudus's JSON conventions: PascalCase names, enums as numbers, lenient on read.</summary>
internal static class NexudusJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = null,
        PropertyNameCaseInsensitive = true,
        // Nexudus clears fields a PUT leaves out, but a create need not carry empty optional fields.
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };

    /// <summary>For the update overlay: a null in the payload must reach the record, to clear the field.</summary>
    public static readonly JsonSerializerOptions WithNulls = new(Options)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };
}
