using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ContactSync.Core.Alerts;

/// <summary>
/// How a webhook receiver knows an alert came from ContactSync and is fresh: <see cref="TimestampHeader"/> carries
/// the Unix time (seconds) it was sent, and <see cref="SignatureHeader"/> <c>sha256=</c> and the lower-case hex
/// HMAC-SHA256, keyed with the shared secret (UTF-8), of <c>timestamp + "." + body</c>. A receiver recomputes it over
/// the raw body, compares in constant time, and refuses a timestamp further than its replay window from its clock.
/// </summary>
public static class WebhookSignature
{
    public const string TimestampHeader = "X-ContactSync-Timestamp";

    public const string SignatureHeader = "X-ContactSync-Signature";

    /// <summary>The event id, also in the body, for a receiver that drops repeats (a delivery may come more than once).</summary>
    public const string EventHeader = "X-ContactSync-Event";

    public const string Prefix = "sha256=";

    /// <summary>The replay window docs/alerts-and-metrics.md recommends to receivers.</summary>
    public static readonly TimeSpan RecommendedWindow = TimeSpan.FromMinutes(5);

    public static string Sign(string secret, long timestamp, string body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(body);
        var message = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + "." + body);
        return Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message));
    }

    /// <summary>What a receiver does: the signature matches and the timestamp is within <paramref name="window"/> of <paramref name="now"/>.</summary>
    public static bool Verify(string secret, string? timestampHeader, string? signatureHeader, string body, DateTimeOffset now, TimeSpan window)
    {
        if (!long.TryParse(timestampHeader, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp)
            || signatureHeader is null
            || Math.Abs(now.ToUnixTimeSeconds() - timestamp) > window.TotalSeconds)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(secret, timestamp, body));
        var given = Encoding.ASCII.GetBytes(signatureHeader);
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }
}
