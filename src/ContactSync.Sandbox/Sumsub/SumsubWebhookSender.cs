using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using ContactSync.Sandbox.Admin;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ContactSync.Sandbox.Sumsub;

/// <summary>One webhook post tried: which delivery, which attempt (1 is the first send), and what came of it.</summary>
internal sealed record SumsubDeliveryAttempt(
    int DeliveryId, string Type, string ApplicantId, string CorrelationId, string Url, int Attempt, DateTimeOffset At, int? StatusCode,
    string? Error, bool Replay, bool BadDigest);

/// <summary>A webhook as sent: its exact body bytes, so a replay sends the same bytes (same <c>correlationId</c>).</summary>
internal sealed record SumsubDelivery(int Id, string Type, string ApplicantId, string CorrelationId, byte[] Body, string Url);

/// <summary>
/// Sends webhooks as Sumsub does: a JSON POST to each target with <c>X-Payload-Digest</c> (lower-case hex HMAC of the
/// exact body with the webhook secret) and <c>X-Payload-Digest-Alg</c>; an answer that is not 2xx, or none within the
/// timeout, is a failure, resent after each configured wait (Sumsub: four resends, 5 min, 1 h, 5 h, 18 h). Every attempt
/// is recorded for tests. A reset forgets the record and stops the resends under way.
/// </summary>
internal sealed class SumsubWebhookSender(
    IHttpClientFactory clients, SumsubSettings settings, TimeProvider time, IServer server, ILogger<SumsubWebhookSender> logger) : ISandboxState
{
    public const string ClientName = "sumsub-webhooks";

    private readonly Lock _gate = new();
    private readonly List<SumsubDeliveryAttempt> _attempts = [];
    private readonly Dictionary<int, SumsubDelivery> _deliveries = [];
    private CancellationTokenSource _generation = new();
    private int _nextId;

    /// <summary>Sends an event's webhook to every target; returns the delivery ids (none when no target is set).</summary>
    public IReadOnlyList<int> Send(SumsubReviewEvent raised)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(raised.Payload, SumsubJson.Wire);
        var correlationId = raised.Payload["correlationId"]?.GetValue<string>() ?? "";
        return [.. settings.Webhooks.Urls.Select(url => Start(raised.Type, raised.ApplicantId, correlationId, body, url, replay: false, badDigest: false))];
    }

    /// <summary>Sends a delivery's body again (a replay, same correlationId), with a wrong digest if asked; null when unknown.</summary>
    public int? Resend(int deliveryId, bool badDigest)
    {
        SumsubDelivery? delivery;
        lock (_gate)
        {
            delivery = _deliveries.GetValueOrDefault(deliveryId);
        }

        return delivery is null ? null : Start(delivery.Type, delivery.ApplicantId, delivery.CorrelationId, delivery.Body, delivery.Url, replay: true, badDigest);
    }

    public IReadOnlyList<SumsubDeliveryAttempt> Attempts()
    {
        lock (_gate)
        {
            return [.. _attempts];
        }
    }

    public JsonObject? Body(int deliveryId)
    {
        lock (_gate)
        {
            return _deliveries.TryGetValue(deliveryId, out var delivery) ? JsonNode.Parse(delivery.Body)?.AsObject() : null;
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _generation.Cancel();
            _generation.Dispose();
            _generation = new CancellationTokenSource();
            _attempts.Clear();
            _deliveries.Clear();
            _nextId = 0;
        }
    }

    private int Start(string type, string applicantId, string correlationId, byte[] body, string url, bool replay, bool badDigest)
    {
        CancellationToken stop;
        SumsubDelivery delivery;
        lock (_gate)
        {
            delivery = new SumsubDelivery(++_nextId, type, applicantId, correlationId, body, url);
            _deliveries[delivery.Id] = delivery;
            stop = _generation.Token;
        }

        var hooks = settings.Webhooks;
        _ = Task.Run(() => DeliverAsync(delivery, hooks, replay, badDigest, stop), CancellationToken.None);
        return delivery.Id;
    }

    private async Task DeliverAsync(SumsubDelivery delivery, SumsubWebhookSettings hooks, bool replay, bool badDigest, CancellationToken stop)
    {
        var digest = SumsubDigest.Compute(hooks.DigestAlg, hooks.Secret, delivery.Body);
        if (badDigest)
        {
            // Flip the last hex digit: the same length and alphabet, but not the body's digest.
            digest = digest[..^1] + (digest[^1] == '0' ? '1' : '0');
        }

        var target = Resolve(delivery.Url);
        for (var attempt = 1; attempt <= hooks.RetryDelaysSeconds.Count + 1 && !stop.IsCancellationRequested; attempt++)
        {
            if (attempt > 1)
            {
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(hooks.RetryDelaysSeconds[attempt - 2]), time, stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            var (status, error) = await PostAsync(target, delivery.Body, digest, hooks, stop);
            if (stop.IsCancellationRequested)
            {
                return;
            }

            lock (_gate)
            {
                _attempts.Add(new SumsubDeliveryAttempt(
                    delivery.Id, delivery.Type, delivery.ApplicantId, delivery.CorrelationId, delivery.Url, attempt, time.GetUtcNow(), status, error, replay, badDigest));
            }

            if (status is >= 200 and < 300)
            {
                return;
            }
        }
    }

    private async Task<(int? Status, string? Error)> PostAsync(Uri? target, byte[] body, string digest, SumsubWebhookSettings hooks, CancellationToken stop)
    {
        if (target is null)
        {
            return (null, "the target URL could not be resolved");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
        timeout.CancelAfter(TimeSpan.FromSeconds(hooks.TimeoutSeconds));
        using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("X-Payload-Digest", digest);
        request.Headers.TryAddWithoutValidation("X-Payload-Digest-Alg", hooks.DigestAlg);
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, timeout.Token);
            return ((int)response.StatusCode, null);
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            return (null, "timeout");
        }
        catch (OperationCanceledException)
        {
            return (null, "cancelled");
        }
        catch (HttpRequestException ex)
        {
            SandboxLogMessages.SumsubWebhookFailed(logger, target, ex.Message);
            return (null, ex.HttpRequestError.ToString());
        }
    }

    /// <summary>An absolute URL as given; a path against the Sandbox's own address (so tests can use its receiver).</summary>
    private Uri? Resolve(string url)
    {
        if (!url.StartsWith('/'))
        {
            return Uri.TryCreate(url, UriKind.Absolute, out var absolute) ? absolute : null;
        }

        var own = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        return own is null ? null : new Uri(new Uri(own.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).Replace("[::]", "127.0.0.1", StringComparison.Ordinal)), url);
    }
}
