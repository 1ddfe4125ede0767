using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using ContactSync.Core.Nexudus;

namespace ContactSync.Core.Sync;

/// <summary>
/// The stored form of a desired payload and its hash. The hash is taken over this exact serialisation
/// (stable property order), so an unchanged source record hashes the same run after run.
/// </summary>
public static class PayloadJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = null,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize(ContractContactPayload payload) => JsonSerializer.Serialize(payload, Options);

    public static ContractContactPayload Deserialize(string json)
        => JsonSerializer.Deserialize<ContractContactPayload>(json, Options)
           ?? throw new InvalidOperationException("A stored payload is empty.");

    public static string Hash(string json) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
}
