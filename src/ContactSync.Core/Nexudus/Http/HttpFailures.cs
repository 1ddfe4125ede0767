using System.Net;
using System.Net.Sockets;

namespace ContactSync.Core.Nexudus.Http;

/// <summary>What an HTTP failure proves about whether Nexudus processed the request.</summary>
internal static class HttpFailures
{
    public static bool IsWrite(HttpMethod method)
        => method == HttpMethod.Post || method == HttpMethod.Put || method == HttpMethod.Delete || method == HttpMethod.Patch;

    /// <summary>
    /// True when the request can never have reached Nexudus: the connection (DNS, TCP, TLS) was not established, or
    /// the request was abandoned before sending. A failure after the connection was up proves nothing.
    /// </summary>
    public static bool NeverReachedServer(Exception exception) => exception switch
    {
        NexudusRequestNotSentException => true,
        // Raised by the token provider, before the request itself was sent.
        NexudusUnavailableException => true,
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError } => true,
        HttpRequestException { InnerException: SocketException { SocketErrorCode: SocketError.ConnectionRefused } } => true,
        _ => false,
    };

    /// <summary>Nexudus throttles with 409 ("for legacy reasons"); 429 is handled the same in case it ever appears.</summary>
    public static bool IsThrottled(HttpStatusCode status) => status is HttpStatusCode.Conflict or HttpStatusCode.TooManyRequests;

    /// <summary>The server may have done the work before failing (or before we stopped waiting).</summary>
    public static bool IsServerFailure(HttpStatusCode status)
        => status is HttpStatusCode.RequestTimeout
            || ((int)status >= 500 && status is not HttpStatusCode.NotImplemented and not HttpStatusCode.HttpVersionNotSupported);
}
