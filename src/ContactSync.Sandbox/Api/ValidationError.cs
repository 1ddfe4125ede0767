using System.Text.Json;

namespace ContactSync.Sandbox.Api;

/// <summary>One entry of the Errors array in a Nexudus 400 response.</summary>
internal sealed record ValidationError(JsonElement? AttemptedValue, string Message, string PropertyName);
