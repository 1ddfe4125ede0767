using ContactSync.Sandbox.Admin;

namespace ContactSync.Sandbox.Webhooks;

/// <summary>
/// A receiver for ContactSync's alerts under <c>/_sandbox/webhooks</c>, so the demo and the tests can see them: posts to
/// <c>/_sandbox/webhooks/{channel}</c> (one channel per target, e.g. <c>hook</c> and <c>slack</c>) are kept in memory,
/// with the signature headers and the raw body, and listed by <c>GET /_sandbox/webhooks[?channel=]</c>.
/// <c>PUT /_sandbox/webhooks/answer {"Status": 500}</c> makes it fail every post until set back to 200.
/// </summary>
internal static class WebhookEndpoints
{
    public sealed record AnswerBody(int Status);

    // What a signed alert, or a Sumsub webhook the Sandbox sends itself, carries besides its body; nothing else is kept.
    private static readonly string[] KeptHeaders =
        ["Content-Type", "User-Agent", "X-ContactSync-Timestamp", "X-ContactSync-Signature", "X-ContactSync-Event", "X-Payload-Digest", "X-Payload-Digest-Alg"];

    public static IHostApplicationBuilder AddWebhooks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSandboxState<WebhookInbox>();
        return builder;
    }

    public static IEndpointRouteBuilder MapWebhooks(this IEndpointRouteBuilder app)
    {
        var webhooks = app.MapGroup("/_sandbox/webhooks");
        webhooks.MapGet("", (string? channel, WebhookInbox inbox) => Results.Json(inbox.Received(channel)));
        webhooks.MapDelete("", (WebhookInbox inbox) =>
        {
            inbox.Clear();
            return Results.NoContent();
        });
        webhooks.MapGet("/answer", (WebhookInbox inbox) => Results.Json(new AnswerBody(inbox.Answer)));
        webhooks.MapPut("/answer", (AnswerBody body, WebhookInbox inbox) =>
        {
            if (body.Status is < 200 or > 599)
            {
                return Results.BadRequest(new { Message = "Status must be an HTTP status from 200 to 599." });
            }

            inbox.Answer = body.Status;
            return Results.Json(body);
        });
        webhooks.MapPost("/{channel}", async (string channel, HttpRequest request, WebhookInbox inbox, TimeProvider time) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
            var headers = KeptHeaders
                .Where(name => request.Headers.ContainsKey(name))
                .ToDictionary(name => name, name => request.Headers[name].ToString(), StringComparer.OrdinalIgnoreCase);
            var status = inbox.Receive(channel, time.GetUtcNow(), headers, body);
            return status == StatusCodes.Status200OK ? Results.Text("ok") : Results.StatusCode(status);
        });
        return app;
    }
}
