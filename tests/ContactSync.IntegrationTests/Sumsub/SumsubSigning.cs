using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace ContactSync.IntegrationTests.Sumsub;

/// <summary>
/// Signs requests as Sumsub wants them signed, for tests of the Sandbox's Sumsub: lower-case hex HMAC-SHA256 with the
/// secret key over <c>ts + METHOD + path-and-query + body</c>, where the path and query are exactly what goes on the
/// wire (so an encoded <c>externalUserId</c> is signed encoded) and the body the bytes sent.
/// </summary>
internal static class SumsubSigning
{
    public const string AppToken = "sbx:contactsync-sandbox";
    public const string SecretKey = "sandbox-sumsub-secret";
    public const string WebhookSecret = "sandbox-sumsub-webhook-secret";

    public static string Sign(string secretKey, string timestamp, string method, string pathAndQuery, byte[] body)
    {
        var head = Encoding.UTF8.GetBytes(timestamp + method.ToUpperInvariant() + pathAndQuery);
        byte[] message = [.. head, .. body];
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secretKey), message));
    }

    public static string Digest(string alg, string secret, string body)
    {
        var (key, bytes) = (Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body));
        return Convert.ToHexStringLower(alg switch
        {
            "HMAC_SHA512_HEX" => HMACSHA512.HashData(key, bytes),
            "HMAC_SHA1_HEX" => HMACSHA1.HashData(key, bytes),
            _ => HMACSHA256.HashData(key, bytes),
        });
    }

    /// <summary>
    /// A signed request. <paramref name="signedTarget"/> signs something other than what is sent (to show it refused);
    /// <paramref name="timestamp"/> and <paramref name="token"/> override the honest ones.
    /// </summary>
    public static HttpRequestMessage Request(
        Uri baseUrl, HttpMethod method, string target, string? json = null, string? signedTarget = null, long? timestamp = null,
        string token = AppToken, string secretKey = SecretKey)
    {
        var body = json is null ? [] : Encoding.UTF8.GetBytes(json);
        var request = new HttpRequestMessage(method, new Uri(baseUrl, target));
        if (json is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        var ts = (timestamp ?? TimeProvider.System.GetUtcNow().ToUnixTimeSeconds()).ToString(CultureInfo.InvariantCulture);
        request.Headers.Add("X-App-Token", token);
        request.Headers.Add("X-App-Access-Ts", ts);
        request.Headers.Add("X-App-Access-Sig", Sign(secretKey, ts, method.Method, signedTarget ?? request.RequestUri!.PathAndQuery, body));
        return request;
    }
}
