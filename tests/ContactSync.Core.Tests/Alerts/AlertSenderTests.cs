using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using ContactSync.Core.Alerts;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ContactSync.Core.Tests.Alerts;

public sealed class AlertSenderTests
{
    private const string Secret = "a-webhook-secret-of-some-length";

    private static readonly AlertEvent Alert = new(
        Guid.Parse("0195d2a0-0000-7000-8000-000000000001"), AlertKinds.WentBad, AlertConditions.RunFailed, "crm",
        "The latest run of crm was aborted.", new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero), null,
        new Dictionary<string, long> { ["total"] = 3 }, new Dictionary<string, string> { ["attention"] = "https://contactsync.example.com/contactsync/attention" });

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 10, 12, 0, 5, TimeSpan.Zero));
    private readonly RecordingHandler _handler = new();

    [Fact]
    public async Task A_webhook_gets_the_payload_as_JSON_signed_over_the_timestamp_and_body()
    {
        var payload = Alert.ToJson();

        var result = await Sender().SendAsync(AlertTarget.Webhook, Alert.Id, payload, CancellationToken.None);

        Assert.True(result.Delivered);
        var request = Assert.Single(_handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://hooks.example.com/contactsync", request.Uri.ToString());
        Assert.Equal(payload, request.Body);
        Assert.Equal("application/json; charset=utf-8", request.Headers["Content-Type"]);
        Assert.Equal("1773144005", request.Headers[WebhookSignature.TimestampHeader]);
        Assert.Equal(Alert.Id.ToString("D"), request.Headers[WebhookSignature.EventHeader]);
        Assert.True(WebhookSignature.Verify(Secret, request.Headers[WebhookSignature.TimestampHeader], request.Headers[WebhookSignature.SignatureHeader],
            request.Body, _time.GetUtcNow(), WebhookSignature.RecommendedWindow));
    }

    [Fact]
    public async Task Slack_gets_its_text_and_no_signature()
    {
        var result = await Sender().SendAsync(AlertTarget.Slack, Alert.Id, Alert.ToJson(), CancellationToken.None);

        Assert.True(result.Delivered);
        var request = Assert.Single(_handler.Requests);
        Assert.Equal("https://hooks.slack.example/services/T0/B0/secret", request.Uri.ToString());
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal(SlackMessage.Text(Alert), body.RootElement.GetProperty("text").GetString());
        Assert.False(request.Headers.ContainsKey(WebhookSignature.SignatureHeader));
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, "HTTP 500")]
    [InlineData(HttpStatusCode.NotFound, "HTTP 404")]
    [InlineData(HttpStatusCode.MovedPermanently, "HTTP 301 (redirects are not followed)")]
    public async Task An_answer_other_than_2xx_is_not_delivered_and_says_its_status(HttpStatusCode status, string error)
    {
        _handler.Answer = _ => Task.FromResult(new HttpResponseMessage(status));

        var result = await Sender().SendAsync(AlertTarget.Webhook, Alert.Id, Alert.ToJson(), CancellationToken.None);

        Assert.Equal(DeliveryResult.Failure(error), result);
    }

    [Fact]
    public async Task A_receiver_that_cannot_be_reached_is_named_by_the_kind_of_failure_never_by_its_URL()
    {
        _handler.Answer = _ => throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (hooks.slack.example:443)", new SocketException());

        var result = await Sender().SendAsync(AlertTarget.Slack, Alert.Id, Alert.ToJson(), CancellationToken.None);

        Assert.Equal(DeliveryResult.Failure("no answer (ConnectionError)"), result);
    }

    [Fact]
    public async Task A_receiver_that_does_not_answer_in_time_is_given_up_on_for_this_attempt()
    {
        _handler.Answer = async _ =>
        {
            await Task.Delay(Timeout.Infinite, _handler.Cancellation);
            throw new InvalidOperationException("unreachable");
        };

        var sending = Sender().SendAsync(AlertTarget.Webhook, Alert.Id, Alert.ToJson(), CancellationToken.None);
        await _handler.Started.Task;
        _time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(DeliveryResult.Failure("no answer within 10 s"), await sending);
    }

    [Fact]
    public async Task A_stored_payload_that_is_not_an_alert_fails_its_delivery_instead_of_the_dispatcher()
    {
        var result = await Sender().SendAsync(AlertTarget.Slack, Alert.Id, "{not json", CancellationToken.None);

        Assert.Equal(DeliveryResult.Failure("the payload is not an alert"), result);
        Assert.Empty(_handler.Requests);
    }

    private AlertSender Sender() => new(new Clients(_handler), Options.Create(new AlertOptions
    {
        WebhookUrl = "https://hooks.example.com/contactsync",
        WebhookSecret = Secret,
        SlackWebhookUrl = "https://hooks.slack.example/services/T0/B0/secret",
        DashboardUrl = "https://contactsync.example.com",
    }), _time);

    private sealed class Clients(HttpMessageHandler handler) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
    }

    private sealed class RecordingHandler : HttpMessageHandler
    {
        private readonly List<Recorded> _requests = [];

        public Func<HttpRequestMessage, Task<HttpResponseMessage>> Answer { get; set; } = _ => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));

        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationToken Cancellation { get; private set; }

        public IReadOnlyList<Recorded> Requests => _requests;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
            var headers = request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
                .ToDictionary(pair => pair.Key, pair => string.Join(", ", pair.Value), StringComparer.OrdinalIgnoreCase);
            _requests.Add(new Recorded(request.Method, request.RequestUri!, headers, body));
            Cancellation = cancellationToken;
            Started.TrySetResult();
            return await Answer(request);
        }
    }

    private sealed record Recorded(HttpMethod Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, string Body);
}
