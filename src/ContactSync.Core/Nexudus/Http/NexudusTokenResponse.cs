using System.Text.Json.Serialization;

namespace ContactSync.Core.Nexudus.Http;

/// <summary>The OAuth-style body of <c>/api/token</c>, success or error. Snake case, unlike the rest of the API.</summary>
internal sealed record NexudusTokenResponse
{
    [JsonPropertyName("access_token")]
    public string? AccessToken { get; init; }

    [JsonPropertyName("refresh_token")]
    public string? RefreshToken { get; init; }

    [JsonPropertyName("expires_in")]
    public long ExpiresIn { get; init; }

    [JsonPropertyName("error")]
    public string? Error { get; init; }
}
