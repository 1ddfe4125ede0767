using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ContactSync.Core.Sources.Sumsub;

/// <summary>
/// One Sumsub client's own settings and state, carried on each of its requests (see <see cref="SourceCall"/>): its
/// attempt timeout, its app token's budget, and what signs its requests.
/// </summary>
internal sealed class SumsubCall(TimeSpan attemptTimeout, SourceBudget budget, string appToken, string secretKey, TimeProvider time)
    : BudgetedSourceCall(attemptTimeout, budget)
{
    private readonly byte[] _secret = Encoding.UTF8.GetBytes(secretKey);

    public string AppToken { get; } = appToken;

    /// <summary>Now, in Unix seconds, as the signature and its <c>X-App-Access-Ts</c> carry it.</summary>
    public long Timestamp() => time.GetUtcNow().ToUnixTimeSeconds();

    /// <summary>
    /// Sumsub's signature: lower-case hex HMAC-SHA256, with the secret key, of the timestamp, the method, the path
    /// and query exactly as sent, and the body's bytes (none for a GET).
    /// </summary>
    public string Sign(long timestamp, string method, string pathAndQuery, ReadOnlySpan<byte> body)
    {
        var head = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + method + pathAndQuery);
        var signed = new byte[head.Length + body.Length];
        head.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(head.Length));
        return Convert.ToHexStringLower(HMACSHA256.HashData(_secret, signed));
    }
}

/// <summary>
/// Signs each attempt as it leaves (after the budget's wait, so its timestamp is fresh; a retry is signed anew): the
/// app token, the timestamp and the signature over the request exactly as it goes on the wire.
/// </summary>
internal sealed class SumsubSigningHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var call = SourceCall.Of<SumsubCall>(request);
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        // What HttpClient writes on the request line: the URI's path and query, escaped as the Uri holds them.
        var target = request.RequestUri!.GetComponents(UriComponents.PathAndQuery, UriFormat.UriEscaped);
        var timestamp = call.Timestamp();
        request.Headers.Remove("X-App-Token");
        request.Headers.Remove("X-App-Access-Ts");
        request.Headers.Remove("X-App-Access-Sig");
        request.Headers.TryAddWithoutValidation("X-App-Token", call.AppToken);
        request.Headers.TryAddWithoutValidation("X-App-Access-Ts", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("X-App-Access-Sig", call.Sign(timestamp, request.Method.Method, target, body));
        return await base.SendAsync(request, cancellationToken);
    }
}
