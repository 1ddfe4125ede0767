using System.Security.Cryptography;
using System.Text;

namespace ContactSync.Sandbox.Sumsub;

/// <summary>
/// The request signature Sumsub checks: lower-case hex HMAC-SHA256, keyed with the secret key, over the bytes of
/// <c>ts + METHOD + request-target + body</c>, where the target is the path and query exactly as sent (percent-encoding
/// kept) and the body the raw bytes (none for a GET).
/// </summary>
internal static class SumsubSignature
{
    public static string Compute(string secretKey, string timestamp, string method, string target, ReadOnlySpan<byte> body)
    {
        var head = Encoding.UTF8.GetBytes(timestamp + method.ToUpperInvariant() + target);
        var message = new byte[head.Length + body.Length];
        head.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(head.Length));
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secretKey), message));
    }

    /// <summary>Compares in constant time, so the time an answer takes says nothing about how much of a forgery was right.</summary>
    public static bool Matches(string expected, string? given)
        => given is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(given));
}

/// <summary>The webhook digest Sumsub sends in <c>X-Payload-Digest</c>, named by <c>X-Payload-Digest-Alg</c>.</summary>
internal static class SumsubDigest
{
    public const string Sha1 = "HMAC_SHA1_HEX";
    public const string Sha256 = "HMAC_SHA256_HEX";
    public const string Sha512 = "HMAC_SHA512_HEX";

    public static readonly IReadOnlyList<string> All = [Sha1, Sha256, Sha512];

    public static bool IsKnown(string? alg) => alg is not null && All.Contains(alg, StringComparer.Ordinal);

    public static string Compute(string alg, string secret, ReadOnlySpan<byte> body)
    {
        var key = Encoding.UTF8.GetBytes(secret);
        var hash = alg switch
        {
            Sha1 => HMACSHA1.HashData(key, body),
            Sha512 => HMACSHA512.HashData(key, body),
            _ => HMACSHA256.HashData(key, body),
        };
        return Convert.ToHexStringLower(hash);
    }
}
