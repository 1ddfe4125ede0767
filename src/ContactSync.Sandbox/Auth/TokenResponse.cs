using System.Text.Json.Serialization;

namespace ContactSync.Sandbox.Auth;

/// <summary>The OAuth token response; its names are snake_case, unlike the rest of the API.</summary>
internal sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("refresh_token")] string RefreshToken);
