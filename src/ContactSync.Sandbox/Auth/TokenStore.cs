using System.Buffers.Text;
using System.Security.Cryptography;
using ContactSync.Sandbox.Admin;
using Microsoft.Extensions.Options;

namespace ContactSync.Sandbox.Auth;

/// <summary>
/// Opaque tokens held in memory. Each client_id has at most one live refresh token: issuing a new one, by
/// sign-in or by refresh, retires the earlier ones, while access tokens live until they expire.
/// </summary>
internal sealed class TokenStore(TimeProvider time, IOptions<AuthOptions> options) : ISandboxState
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, Grant> accessTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RefreshGrant> refreshTokens = new(StringComparer.Ordinal);

    public TokenResponse Issue(string username, string clientId)
    {
        var now = time.GetUtcNow();
        var settings = options.Value;
        var access = NewToken();
        var refresh = NewToken();
        lock (gate)
        {
            RemoveExpired(now);
            foreach (var stale in refreshTokens.Where(pair => pair.Value.ClientId == clientId).Select(pair => pair.Key).ToList())
            {
                refreshTokens.Remove(stale);
            }

            accessTokens[access] = new Grant(username, now.AddSeconds(settings.AccessTokenLifetimeSeconds));
            refreshTokens[refresh] = new RefreshGrant(username, clientId, now.AddSeconds(settings.RefreshTokenLifetimeSeconds));
        }

        return new TokenResponse(access, "bearer", settings.AccessTokenLifetimeSeconds, refresh);
    }

    /// <summary>Swaps a live refresh token issued to this client_id for a new pair; null when it can't.</summary>
    public TokenResponse? Refresh(string refreshToken, string clientId)
    {
        string username;
        lock (gate)
        {
            if (!refreshTokens.TryGetValue(refreshToken, out var grant)
                || grant.ExpiresAt <= time.GetUtcNow()
                || !string.Equals(grant.ClientId, clientId, StringComparison.Ordinal))
            {
                return null;
            }

            username = grant.Username;
        }

        return Issue(username, clientId);
    }

    /// <summary>The username behind a live access token, or null.</summary>
    public string? Authenticate(string accessToken)
    {
        lock (gate)
        {
            return accessTokens.TryGetValue(accessToken, out var grant) && grant.ExpiresAt > time.GetUtcNow()
                ? grant.Username
                : null;
        }
    }

    public void Reset()
    {
        lock (gate)
        {
            accessTokens.Clear();
            refreshTokens.Clear();
        }
    }

    private void RemoveExpired(DateTimeOffset now)
    {
        foreach (var expired in accessTokens.Where(pair => pair.Value.ExpiresAt <= now).Select(pair => pair.Key).ToList())
        {
            accessTokens.Remove(expired);
        }

        foreach (var expired in refreshTokens.Where(pair => pair.Value.ExpiresAt <= now).Select(pair => pair.Key).ToList())
        {
            refreshTokens.Remove(expired);
        }
    }

    private static string NewToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    private sealed record Grant(string Username, DateTimeOffset ExpiresAt);

    private sealed record RefreshGrant(string Username, string ClientId, DateTimeOffset ExpiresAt);
}
