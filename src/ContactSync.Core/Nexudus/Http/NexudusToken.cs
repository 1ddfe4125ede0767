namespace ContactSync.Core.Nexudus.Http;

/// <summary>A token as held by the provider: when to renew it, and when it stops being usable at all.</summary>
internal sealed record NexudusToken(string AccessToken, string? RefreshToken, DateTimeOffset RefreshAt, DateTimeOffset ExpiresAt)
{
    // Nexudus documents ~7 days but warns not to rely on it; with no expires_in at all, assume a short life.
    private static readonly TimeSpan AssumedLifetime = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan MinimumMargin = TimeSpan.FromSeconds(60);

    public static NexudusToken Issued(string accessToken, string? refreshToken, long expiresInSeconds, DateTimeOffset now)
    {
        var lifetime = expiresInSeconds > 0 ? TimeSpan.FromSeconds(expiresInSeconds) : AssumedLifetime;

        // Renew at 80% of the lifetime or 60 s before expiry, whichever comes first, so no call ever carries a token
        // that expires in flight. A lifetime too short for a 60 s margin falls back to the 80% rule.
        var margin = lifetime * 0.2 > MinimumMargin ? lifetime * 0.2 : MinimumMargin;
        if (margin >= lifetime)
        {
            margin = lifetime * 0.2;
        }

        return new NexudusToken(accessToken, refreshToken, now + lifetime - margin, now + lifetime);
    }

    public bool IsFresh(DateTimeOffset now) => now < RefreshAt;

    public bool IsUsable(DateTimeOffset now) => now < ExpiresAt;

    public NexudusToken Revoked() => this with { RefreshAt = DateTimeOffset.MinValue, ExpiresAt = DateTimeOffset.MinValue };
}
