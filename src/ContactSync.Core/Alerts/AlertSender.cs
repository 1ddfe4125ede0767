using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace ContactSync.Core.Alerts;

/// <summary>Whether a receiver took an alert, and if not, what it answered: a status or the kind of failure, never a URL.</summary>
public sealed record DeliveryResult(bool Delivered, string? Error)
{
    public static DeliveryResult Success { get; } = new(true, null);

    public static DeliveryResult Failure(string error) => new(false, error);
}

/// <summary>
/// Posts one alert to one target, once: the outbox owns retries, so the client has no resilience handler and follows no
/// redirect (a signed alert goes only where it was configured to). Any 2xx is delivered.
/// </summary>
public sealed class AlertSender(IHttpClientFactory clients, IOptions<AlertOptions> options, TimeProvider time)
{
    public const string ClientName = "alerts";

    public async Task<DeliveryResult> SendAsync(AlertTarget target, Guid eventId, string payload, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        HttpRequestMessage built;
        try
        {
            built = target switch
            {
                AlertTarget.Webhook => Webhook(settings, eventId, payload),
                AlertTarget.Slack => Slack(settings, payload),
                _ => throw new ArgumentOutOfRangeException(nameof(target), target, null),
            };
        }
        catch (JsonException)
        {
            // Only a row written by hand gets here; it waits, and is given up on, like any other failure.
            return DeliveryResult.Failure("the payload is not an alert");
        }

        using var request = built;
        using var timeout = new CancellationTokenSource(settings.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            var status = (int)response.StatusCode;
            return response.IsSuccessStatusCode ? DeliveryResult.Success
                : status is >= 300 and < 400 ? DeliveryResult.Failure(string.Create(CultureInfo.InvariantCulture, $"HTTP {status} (redirects are not followed)"))
                : DeliveryResult.Failure(string.Create(CultureInfo.InvariantCulture, $"HTTP {status}"));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return DeliveryResult.Failure(string.Create(CultureInfo.InvariantCulture, $"no answer within {settings.Timeout.TotalSeconds:0.###} s"));
        }
        catch (HttpRequestException e)
        {
            // The error kind only: the message names the host and port, and for Slack the URL is the credential.
            return DeliveryResult.Failure($"no answer ({e.HttpRequestError})");
        }
    }

    private HttpRequestMessage Webhook(AlertOptions settings, Guid eventId, string payload)
    {
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        var request = new HttpRequestMessage(HttpMethod.Post, settings.WebhookUrl)
        {
            Content = new StringContent(payload, Encoding.UTF8, new MediaTypeHeaderValue("application/json", "utf-8")),
        };
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(settings.WebhookSecret ?? "", timestamp, payload));
        request.Headers.Add(WebhookSignature.EventHeader, eventId.ToString("D"));
        return request;
    }

    private static HttpRequestMessage Slack(AlertOptions settings, string payload) => new(HttpMethod.Post, settings.SlackWebhookUrl)
    {
        Content = new StringContent(SlackMessage.Body(AlertEvent.FromJson(payload)), Encoding.UTF8, new MediaTypeHeaderValue("application/json", "utf-8")),
    };
}
