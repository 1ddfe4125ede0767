using System.Text.Json.Serialization;

namespace ContactSync.Sandbox.Api;

/// <summary>The envelope Nexudus wraps around every create, update, delete and validation failure.</summary>
internal sealed record WriteEnvelope(
    int Status,
    string Message,
    EntityId? Value,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? UpdatedOn,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? UpdatedBy,
    bool WasSuccessful,
    IReadOnlyList<ValidationError>? Errors);
