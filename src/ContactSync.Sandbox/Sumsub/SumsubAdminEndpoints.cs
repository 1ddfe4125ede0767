using System.Text.Json.Nodes;

namespace ContactSync.Sandbox.Sumsub;

/// <summary>
/// What tests and the demo change in Sumsub, under <c>/_sandbox/sumsub</c>: review decisions on any applicant (each
/// sends its webhook), beneficiaries added to or removed from a company, the limits and webhook settings in force, and
/// what was called and delivered. The seed's ids are listed by role, so tests need not hard-code them.
/// </summary>
internal static class SumsubAdminEndpoints
{
    public sealed record Rejection(bool Final = false, string[]? Labels = null, string? ModerationComment = null, string? ClientComment = null);

    public sealed record Withdrawal(string[]? Labels = null, string? ClientComment = null);

    public sealed record Resend(bool BadDigest = false);

    public sealed record NewBeneficiary(
        string[] Types, double? ShareSize = null, string? ApplicantId = null, PersonBody? Person = null, SumsubBeneficiaryInfo? BeneficiaryInfo = null,
        string[]? Positions = null, string? Type = null);

    public sealed record PersonBody(
        string? FirstName, string? LastName, string? MiddleName = null, string? Dob = null, string? Country = null, string? Phone = null,
        string? Email = null, string? ExternalUserId = null, SumsubAddress[]? Addresses = null);

    public sealed record LimitsBody(int? GetsPerWindow = null, int? PostsPerWindow = null, int? WindowSeconds = null, bool? SendRetryAfter = null);

    public sealed record WebhookSettingsBody(
        string[]? Urls = null, string? Secret = null, string? DigestAlg = null, double? TimeoutSeconds = null, double[]? RetryDelaysSeconds = null);

    public static IEndpointRouteBuilder MapSumsubAdmin(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/_sandbox/sumsub");
        admin.MapGet("/applicants", (string? type, SumsubStore store) => store.Read(s =>
            Results.Json(s.Applicants.Where(a => type is null || a.Type == type).Select(s.Render).ToList(), SumsubJson.Wire)));
        admin.MapGet("/seed", (SumsubStore store) => store.Read(s => Results.Json(Seed(s), SumsubJson.Wire)));

        admin.MapPost("/applicants/{id}/approve", (string id, SumsubStore store, SumsubWebhookSender webhooks) => Apply(store.Approve(id), store, webhooks));
        admin.MapPost("/applicants/{id}/reject", async (string id, HttpRequest request, SumsubStore store, SumsubWebhookSender webhooks) =>
        {
            var body = await SumsubEndpoints.OptionalBodyAsync<Rejection>(request) ?? new Rejection();
            return Apply(store.Reject(id, body.Final, body.Labels, body.ModerationComment, body.ClientComment), store, webhooks);
        });
        admin.MapPost("/applicants/{id}/withdraw", async (string id, HttpRequest request, SumsubStore store, SumsubWebhookSender webhooks) =>
        {
            var body = await SumsubEndpoints.OptionalBodyAsync<Withdrawal>(request) ?? new Withdrawal();
            return Apply(store.Withdraw(id, body.Labels, body.ClientComment), store, webhooks);
        });
        admin.MapPost("/applicants/{id}/pending", (string id, SumsubStore store, SumsubWebhookSender webhooks) => Apply(store.Pending(id), store, webhooks));
        admin.MapPost("/applicants/{id}/on-hold", (string id, SumsubStore store, SumsubWebhookSender webhooks) => Apply(store.OnHold(id), store, webhooks));
        admin.MapPost("/applicants/{id}/reset", (string id, SumsubStore store, SumsubWebhookSender webhooks) => Apply(store.ResetReview(id), store, webhooks));

        admin.MapPost("/applicants/{id}/beneficiaries", (string id, NewBeneficiary body, SumsubStore store) =>
        {
            var person = body.Person is { } p ? new SumsubPerson(p.FirstName, p.LastName, p.MiddleName, p.Dob, p.Country, p.Phone, p.Addresses) : null;
            var (beneficiaryId, applicantId, refusal) = store.AddBeneficiary(id, new SumsubNewBeneficiary(
                body.Types ?? [], body.ShareSize, body.ApplicantId, person, body.Person?.Email, body.Person?.Phone, body.Person?.ExternalUserId,
                body.BeneficiaryInfo, body.Positions, body.Type));
            return refusal is null
                ? Results.Json(new { beneficiaryId, applicantId }, SumsubJson.Wire, statusCode: StatusCodes.Status201Created)
                : Results.BadRequest(new { message = refusal });
        });
        admin.MapDelete("/applicants/{id}/beneficiaries/{beneficiary}", (string id, string beneficiary, SumsubStore store) =>
            store.RemoveBeneficiary(id, beneficiary) ? Results.NoContent() : Results.NotFound());

        admin.MapGet("/calls", (SumsubCalls calls) => Results.Json(calls.Snapshot(), SumsubJson.Wire));
        admin.MapGet("/webhooks", (SumsubWebhookSender webhooks) => Results.Json(webhooks.Attempts(), SumsubJson.Wire));
        admin.MapGet("/webhooks/{delivery:int}/body", (int delivery, SumsubWebhookSender webhooks) =>
            webhooks.Body(delivery) is { } body ? Results.Json(body, SumsubJson.Wire) : Results.NotFound());
        admin.MapPost("/webhooks/{delivery:int}/resend", async (int delivery, HttpRequest request, SumsubWebhookSender webhooks) =>
        {
            var body = await SumsubEndpoints.OptionalBodyAsync<Resend>(request) ?? new Resend();
            return webhooks.Resend(delivery, body.BadDigest) is { } id ? Results.Json(new { deliveryId = id }, SumsubJson.Wire) : Results.NotFound();
        });

        admin.MapGet("/limits", (SumsubSettings settings) => Results.Json(settings.Limits, SumsubJson.Wire));
        admin.MapPut("/limits", (LimitsBody body, SumsubSettings settings) =>
        {
            var now = settings.Limits;
            var next = new SumsubLimitSettings(
                body.GetsPerWindow ?? now.GetsPerWindow, body.PostsPerWindow ?? now.PostsPerWindow, body.WindowSeconds ?? now.WindowSeconds, body.SendRetryAfter ?? now.SendRetryAfter);
            if (next.GetsPerWindow < 0 || next.PostsPerWindow < 0 || next.WindowSeconds is < 1 or > 3600)
            {
                return Results.BadRequest(new { message = "Limits are 0 (off) or more; WindowSeconds is 1 to 3600." });
            }

            settings.Limits = next;
            return Results.Json(next, SumsubJson.Wire);
        });
        admin.MapGet("/webhooks/settings", (SumsubSettings settings) => Results.Json(settings.Webhooks, SumsubJson.Wire));
        admin.MapPut("/webhooks/settings", (WebhookSettingsBody body, SumsubSettings settings) =>
        {
            var now = settings.Webhooks;
            var next = new SumsubWebhookSettings(
                body.Urls ?? now.Urls, body.Secret ?? now.Secret, body.DigestAlg ?? now.DigestAlg, body.TimeoutSeconds ?? now.TimeoutSeconds,
                body.RetryDelaysSeconds ?? now.RetryDelaysSeconds);
            if (!SumsubDigest.IsKnown(next.DigestAlg) || next.TimeoutSeconds is < 0.05 or > 600 || next.RetryDelaysSeconds.Count > 10
                || next.RetryDelaysSeconds.Any(delay => delay is < 0 or > 172_800)
                || next.Urls.Any(url => !url.StartsWith('/') && !Uri.TryCreate(url, UriKind.Absolute, out _)))
            {
                return Results.BadRequest(new { message = $"DigestAlg is one of {string.Join(", ", SumsubDigest.All)}; TimeoutSeconds 0.05 to 600; up to ten delays of 0 to 172800 s; URLs absolute or paths." });
            }

            settings.Webhooks = next;
            return Results.Json(next, SumsubJson.Wire);
        });
        return app;
    }

    /// <summary>The answer to a review change: the applicant as the API now shows it, and the webhook deliveries started.</summary>
    private static IResult Apply(SumsubChange change, SumsubStore store, SumsubWebhookSender webhooks)
    {
        if (change.Applicant is null)
        {
            return Results.NotFound(new { message = "No applicant with that id." });
        }

        if (change.Refusal is { } refusal)
        {
            return Results.Conflict(new { message = refusal });
        }

        var deliveries = change.Event is { } raised ? webhooks.Send(raised) : [];
        return Results.Json(new JsonObject
        {
            ["applicant"] = store.Read(s => s.Render(change.Applicant)),
            ["webhookType"] = change.Event?.Type,
            ["deliveryIds"] = new JsonArray([.. deliveries.Select(id => (JsonNode)id)]),
        }, SumsubJson.Wire);
    }

    /// <summary>The seeded companies and their beneficiaries, with each applicant's role, as they stand now.</summary>
    private static JsonArray Seed(SumsubStore store) => new([.. store.Applicants
        .Where(a => a.Company is not null)
        .Select(company => (JsonNode)new JsonObject
        {
            ["applicantId"] = company.Id,
            ["externalUserId"] = company.ExternalUserId,
            ["name"] = company.Company!.Name,
            ["kyb"] = company.Company.Kyb,
            ["role"] = company.Role,
            ["reviewStatus"] = company.Review.Status,
            ["reviewAnswer"] = company.Review.Answer,
            ["beneficiaries"] = new JsonArray([.. company.Company.Beneficiaries.Select(b => (JsonNode)Beneficiary(store, b))]),
        })]);

    private static JsonObject Beneficiary(SumsubStore store, SumsubBeneficiary beneficiary)
    {
        var person = beneficiary.ApplicantId is { } id ? store.Find(id) : null;
        var name = person?.Fixed is { } info ? $"{info.FirstName} {info.LastName}" : beneficiary.Info is { } b ? $"{b.FirstName} {b.LastName}" : null;
        return new JsonObject
        {
            ["beneficiaryId"] = beneficiary.Id,
            ["applicantId"] = beneficiary.ApplicantId,
            ["externalUserId"] = person?.ExternalUserId,
            ["name"] = name,
            ["dob"] = person?.Fixed?.Dob ?? beneficiary.Info?.Dob,
            ["types"] = new JsonArray([.. beneficiary.Types.Select(type => (JsonNode)type)]),
            ["role"] = person?.Role ?? "beneficiary-info-only",
            ["reviewStatus"] = person?.Review.Status,
            ["reviewAnswer"] = person?.Review.Answer,
            ["reviewRejectType"] = person?.Review.RejectType,
            ["registerDirector"] = person?.Role == "register-director",
        };
    }
}
