using System.Text.Json.Nodes;

namespace ContactSync.Core.Tests.Nexudus;

internal static class Json
{
    public static JsonObject Object(string? json) => JsonNode.Parse(json ?? "null")?.AsObject()
        ?? throw new InvalidOperationException("Expected a JSON object");

    public const string Created42 =
        """{"Status":200,"Message":"ContractContact was successfully created.","Value":{"Id":42},"WasSuccessful":true,"Errors":null}""";
}
