using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace ContactSync.Core.Tests.Nexudus;

/// <summary>Answers requests from a script, in order, and records what was sent (body read at send time).</summary>
internal sealed class ScriptedHttpHandler : HttpMessageHandler
{
    private readonly ConcurrentQueue<Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>> _script = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    /// <summary>Used once the script has run out; by default an unscripted request fails the test.</summary>
    public Func<HttpRequestMessage, HttpResponseMessage>? Otherwise { get; set; }

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public ScriptedHttpHandler Then(HttpStatusCode status, string? json = null, Action<HttpResponseMessage>? adjust = null)
        => Then(_ =>
        {
            var response = Respond(status, json);
            adjust?.Invoke(response);
            return response;
        });

    public ScriptedHttpHandler Then(Func<HttpRequestMessage, HttpResponseMessage> respond)
    {
        _script.Enqueue((request, _) => Task.FromResult(respond(request)));
        return this;
    }

    public ScriptedHttpHandler ThenThrow(Exception exception)
    {
        _script.Enqueue((_, _) => Task.FromException<HttpResponseMessage>(exception));
        return this;
    }

    /// <summary>Never answers: the request hangs until the caller gives up.</summary>
    public ScriptedHttpHandler ThenHang()
    {
        _script.Enqueue(async (_, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            throw new InvalidOperationException("unreachable");
        });
        return this;
    }

    public static HttpResponseMessage Respond(HttpStatusCode status, string? json = null) => new(status)
    {
        Content = json is null ? new ByteArrayContent([]) : new StringContent(json, Encoding.UTF8, "application/json"),
    };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        _requests.Enqueue(new RecordedRequest(
            request.Method,
            request.RequestUri!,
            request.Headers.Authorization?.Parameter,
            request.Headers.TryGetValues("client_id", out var ids) ? ids.Single() : null,
            body));

        HttpResponseMessage response;
        if (_script.TryDequeue(out var next))
        {
            response = await next(request, cancellationToken);
        }
        else
        {
            response = Otherwise?.Invoke(request)
                ?? throw new InvalidOperationException($"Unscripted request {request.Method} {request.RequestUri}");
        }

        response.RequestMessage = request;
        return response;
    }
}

internal sealed record RecordedRequest(HttpMethod Method, Uri Uri, string? BearerToken, string? ClientIdHeader, string? Body)
{
    public IReadOnlyDictionary<string, string> Form => (Body ?? "")
        .Split('&', StringSplitOptions.RemoveEmptyEntries)
        .Select(pair => pair.Split('=', 2))
        .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => Uri.UnescapeDataString(p[1].Replace('+', ' ')));
}
