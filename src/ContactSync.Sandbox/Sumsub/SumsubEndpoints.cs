using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace ContactSync.Sandbox.Sumsub;

/// <summary>
/// The Sumsub API a KYB source reads: one applicant by id or by <c>externalUserId</c>, shaped as Sumsub answers; and
/// the sandbox-only <c>testCompleted</c>, which decides a review as Sumsub's sandbox lets a client simulate one.
/// </summary>
internal static class SumsubEndpoints
{
    private static readonly JsonSerializerOptions AdminBodies = new(JsonSerializerDefaults.Web);

    public sealed record TestCompleted(
        string? ReviewAnswer, string[]? RejectLabels, string? ReviewRejectType, string? ClientComment, string? ModerationComment);

    public static IEndpointRouteBuilder MapSumsub(this IEndpointRouteBuilder app)
    {
        app.MapGet("/resources/applicants/{applicant}/one", One);
        app.MapPost("/resources/applicants/{applicantId}/status/testCompleted", Complete);
        // Anything else under /resources: Sumsub's 404 body rather than an empty one.
        app.Map("/resources/{**rest}", () => SumsubJson.Error(StatusCodes.Status404NotFound, "Not found"));
        return app;
    }

    private static IResult One(string applicant, HttpContext context, SumsubStore store)
    {
        // An external id is looked up decoded, from the segment as sent: the routed value has '%2F' still encoded.
        var externalUserId = applicant.StartsWith(SumsubPaths.ExternalPrefix, StringComparison.Ordinal) ? ExternalUserId(context) : null;
        return store.Read(s => (externalUserId is null ? s.Find(applicant) : s.FindByExternalUserId(externalUserId)) is { } found
            ? Results.Json(s.Render(found), SumsubJson.Wire)
            : SumsubJson.Error(StatusCodes.Status404NotFound, "Applicant not found"));
    }

    private static IResult Complete(string applicantId, TestCompleted body, SumsubStore store, SumsubWebhookSender webhooks)
    {
        if (body.ReviewAnswer is not (SumsubReviewStatus.Green or SumsubReviewStatus.Red)
            || (body.ReviewAnswer == SumsubReviewStatus.Red && body.ReviewRejectType is not (SumsubReviewStatus.Final or SumsubReviewStatus.Retry)))
        {
            return SumsubJson.Error(StatusCodes.Status400BadRequest, "reviewAnswer must be GREEN or RED, and a RED one needs reviewRejectType FINAL or RETRY.");
        }

        var change = body.ReviewAnswer == SumsubReviewStatus.Green
            ? store.Approve(applicantId)
            : store.Reject(applicantId, body.ReviewRejectType == SumsubReviewStatus.Final, body.RejectLabels, body.ModerationComment, body.ClientComment);
        if (change.Applicant is null)
        {
            return SumsubJson.Error(StatusCodes.Status404NotFound, "Applicant not found");
        }

        if (change.Event is { } raised)
        {
            webhooks.Send(raised);
        }

        return Results.Json(new { ok = 1 }, SumsubJson.Wire);
    }

    private static string ExternalUserId(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "";
        var path = raw.Split('?', 2)[0];
        var start = path.IndexOf(SumsubPaths.ExternalPrefix, StringComparison.Ordinal) + SumsubPaths.ExternalPrefix.Length;
        var end = path.LastIndexOf("/one", StringComparison.Ordinal);
        return Uri.UnescapeDataString(end > start ? path[start..end] : path[start..]);
    }

    /// <summary>Reads a JSON body leniently: the admin calls take optional bodies.</summary>
    public static async Task<T?> OptionalBodyAsync<T>(HttpRequest request)
        where T : class
    {
        if (request.ContentLength is 0 or null && !request.Headers.ContainsKey("Transfer-Encoding"))
        {
            return null;
        }

        return await request.ReadFromJsonAsync<T>(AdminBodies, request.HttpContext.RequestAborted);
    }
}
