using ContactSync.Core.Runs;
using ContactSync.Core.Sources;
using ContactSync.Core.Sources.Sumsub;
using Hangfire;

namespace ContactSync.Worker.Hooks;

/// <summary>
/// <c>POST /hooks/sumsub/{source}</c>: Sumsub's review events, the only unauthenticated route besides health and
/// metrics. The body's digest is checked first (the source's <c>WebhookSecret</c>, constant time); a bad or missing
/// one is 401 and changes nothing. An accepted event is a Hangfire job (<see cref="SumsubEventJob"/>) that finds the
/// companies it concerns and queues their run: the answer comes at once (Sumsub gives up after 5 s and resends), and
/// an event accepted is never lost to a restart. A resend is accepted again and the job ignores it.
/// </summary>
internal static class SumsubHooks
{
    public const string Path = "/hooks/sumsub/{source}";

    // Review events are a few hundred bytes; anything near this is not one.
    private const int MaxBody = 64 * 1024;

    public static WebApplication MapSourceHooks(this WebApplication app)
    {
        app.MapPost(Path, ReceiveAsync).AllowAnonymous().DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> ReceiveAsync(
        string source, HttpRequest request, SourceResolver sources, IBackgroundJobClient jobs, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(SumsubHooks));
        string? secret;
        try
        {
            secret = sources.Options(source).Type == SourceType.Sumsub ? SumsubEvents.SecretOf(sources.Section(source)) : null;
        }
        catch (UnknownSourceException)
        {
            secret = null;
        }

        if (secret is null)
        {
            // Not said apart from a bad digest (which sources exist, and take events, is nobody's business outside), and
            // not logged: anyone can post here, and a log line each would be theirs to flood.
            return Results.Unauthorized();
        }

        if (request.ContentLength > MaxBody)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        var body = await ReadAsync(request.Body, cancellationToken);
        if (body is null)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        if (!SumsubEvents.DigestMatches(body, request.Headers["X-Payload-Digest"], request.Headers["X-Payload-Digest-Alg"], secret))
        {
            HookLogMessages.Refused(logger, source, "the digest does not match the body");
            return Results.Unauthorized();
        }

        if (SumsubEvents.Parse(body) is not { } review)
        {
            // Signed by Sumsub but no review of an applicant: nothing to do, and nothing to resend.
            return Results.Ok();
        }

        var jobId = jobs.Enqueue<SumsubEventJob>(job => job.HandleAsync(source, review.EventId, review.ApplicantId, review.IsCompany, review.CompanyRef, CancellationToken.None));
        HookLogMessages.Accepted(logger, source, review.ApplicantId, jobId);
        return Results.Ok();
    }

    private static async Task<byte[]?> ReadAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBody)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
