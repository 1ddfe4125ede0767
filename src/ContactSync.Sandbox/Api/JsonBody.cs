using System.Text.Json;

namespace ContactSync.Sandbox.Api;

internal static class JsonBody
{
    /// <summary>The request body as a JSON object, or null when it is empty, malformed or not an object.</summary>
    public static async Task<JsonElement?> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, default, cancellationToken);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static IResult Malformed() => ApiResults.Invalid("Request", "The request body is not a valid JSON object.");
}
