using System.Text.Json.Nodes;
using ContactSync.Sandbox.Admin;
using ContactSync.Sandbox.Seeds;
using Microsoft.Extensions.Options;

namespace ContactSync.Sandbox.Sumsub;

/// <summary>The outcome of a change: the applicant (null when unknown), why it was refused, and the webhook it calls for.</summary>
internal sealed record SumsubChange(SumsubApplicant? Applicant, string? Refusal = null, SumsubReviewEvent? Event = null);

/// <summary>A beneficiary to add: an existing applicant, a new person (made an applicant in <c>init</c>), or beneficiaryInfo only.</summary>
internal sealed record SumsubNewBeneficiary(
    string[] Types, double? ShareSize = null, string? ApplicantId = null, SumsubPerson? Person = null, string? Email = null,
    string? Phone = null, string? ExternalUserId = null, SumsubBeneficiaryInfo? BeneficiaryInfo = null, string[]? Positions = null,
    string? Type = null);

/// <summary>
/// The applicants, seeded on reset and changed only through the admin endpoints and the sandbox's <c>testCompleted</c>.
/// Review changes follow Sumsub's life-cycle: a decision on an applicant in <c>init</c> or already <c>completed</c> is a
/// new attempt (<c>attemptCnt</c> up by one, a new <c>attemptId</c>); a decision after <c>pending</c> or <c>onHold</c>
/// closes the attempt under way; every completion stamps <c>reviewDate</c>; a reset goes back to <c>init</c> with no
/// result. Each change yields the webhook Sumsub would send.
/// </summary>
internal sealed class SumsubStore : ISandboxState
{
    public const string ClientKey = "CSYNCSANDBOXKY";

    private readonly Lock _gate = new();
    private readonly SeedData _seeds;
    private readonly TimeProvider _time;
    private readonly IOptionsMonitor<SumsubOptions> _options;
    private readonly Dictionary<string, SumsubApplicant> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SumsubApplicant> _byExternalId = new(StringComparer.Ordinal);
    private int _created;

    public SumsubStore(SeedData seeds, TimeProvider time, IOptionsMonitor<SumsubOptions> options)
    {
        _seeds = seeds;
        _time = time;
        _options = options;
        Reset();
    }

    /// <summary>Reads under the store's lock, so no change is seen half made.</summary>
    public T Read<T>(Func<SumsubStore, T> read)
    {
        lock (_gate)
        {
            return read(this);
        }
    }

    public IEnumerable<SumsubApplicant> Applicants => _byId.Values.OrderBy(applicant => applicant.CreatedAt).ThenBy(applicant => applicant.Id, StringComparer.Ordinal);

    public SumsubApplicant? Find(string id) => _byId.GetValueOrDefault(id);

    public SumsubApplicant? FindByExternalUserId(string externalUserId) => _byExternalId.GetValueOrDefault(externalUserId);

    public JsonObject Render(SumsubApplicant applicant) => SumsubJson.Applicant(applicant, _options.CurrentValue.ClientId, ClientKey);

    public SumsubChange Approve(string id) => Decide(id, SumsubReviewStatus.Green, null, [], null, null);

    public SumsubChange Reject(string id, bool final, IReadOnlyList<string>? labels, string? moderationComment, string? clientComment)
        => Decide(id, SumsubReviewStatus.Red, final ? SumsubReviewStatus.Final : SumsubReviewStatus.Retry,
            labels is { Count: > 0 } ? labels : [final ? "BLACKLIST" : "UNSATISFACTORY_PHOTOS"], moderationComment, clientComment);

    /// <summary>An approval taken back: the GREEN review is re-decided RED FINAL within the same attempt.</summary>
    public SumsubChange Withdraw(string id, IReadOnlyList<string>? labels, string? clientComment) => Change(id, (applicant, review, now) =>
    {
        if (review.Status != SumsubReviewStatus.Completed || review.Answer != SumsubReviewStatus.Green)
        {
            return "only an approved (completed GREEN) applicant can have its approval withdrawn";
        }

        Complete(review, SumsubReviewStatus.Red, SumsubReviewStatus.Final, labels is { Count: > 0 } ? labels : ["BLACKLIST"], null, clientComment, now);
        return null;
    }, "applicantReviewed");

    public SumsubChange Pending(string id) => Change(id, (_, review, now) =>
    {
        if (review.Status == SumsubReviewStatus.Pending)
        {
            return "the applicant is already pending";
        }

        StartAttemptIfClosed(review, now);
        review.Status = SumsubReviewStatus.Pending;
        return null;
    }, "applicantPending");

    public SumsubChange OnHold(string id) => Change(id, (_, review, now) =>
    {
        if (review.Status == SumsubReviewStatus.OnHold)
        {
            return "the applicant is already on hold";
        }

        StartAttemptIfClosed(review, now);
        review.Status = SumsubReviewStatus.OnHold;
        return null;
    }, "applicantOnHold");

    /// <summary>Back to <c>init</c>: whatever was decided (an approval too) no longer stands.</summary>
    public SumsubChange ResetReview(string id) => Change(id, (_, review, now) =>
    {
        if (review.Status == SumsubReviewStatus.Init)
        {
            return "the applicant is already in init";
        }

        ClearResult(review);
        review.Status = SumsubReviewStatus.Init;
        review.CreateDate = now;
        review.AttemptId = SumsubIds.Short($"attempt|{review.ReviewId}|{review.AttemptCnt}|reset");
        return null;
    }, "applicantReset");

    /// <summary>Adds a beneficiary to a company; returns the beneficiary's id and applicant id, or why not.</summary>
    public (string? BeneficiaryId, string? ApplicantId, string? Refusal) AddBeneficiary(string companyId, SumsubNewBeneficiary body)
    {
        lock (_gate)
        {
            if (_byId.GetValueOrDefault(companyId)?.Company is not { } company)
            {
                return (null, null, "no company applicant with that id");
            }

            if (body.Types.Length == 0 || new[] { body.ApplicantId is not null, body.Person is not null, body.BeneficiaryInfo is not null }.Count(given => given) != 1)
            {
                return (null, null, "give types and exactly one of applicantId, person or beneficiaryInfo");
            }

            if (body.BeneficiaryInfo is not null && company.Kyb == 1)
            {
                return (null, null, "KYB 1.0 beneficiaries must be applicants");
            }

            var applicantId = body.ApplicantId;
            if (applicantId is not null && !_byId.ContainsKey(applicantId))
            {
                return (null, null, "no applicant with that applicantId");
            }

            var n = ++_created;
            if (body.Person is { } person)
            {
                var external = body.ExternalUserId ?? $"beneficiary-{SumsubIds.Hex($"new|external|{n}")[..12]}";
                if (_byExternalId.ContainsKey(external))
                {
                    return (null, null, "an applicant with that externalUserId exists");
                }

                var created = NewPerson($"new|{n}", external, _time.GetUtcNow(), person, null, body.Email, body.Phone, null);
                Add(created);
                applicantId = created.Id;
            }

            var beneficiary = new SumsubBeneficiary(
                SumsubIds.Hex($"new|beneficiary|{n}"), applicantId, body.Types, body.ShareSize, body.BeneficiaryInfo, body.Positions, body.Type);
            company.Beneficiaries.Add(beneficiary);
            return (beneficiary.Id, applicantId, null);
        }
    }

    /// <summary>Removes a beneficiary by its id or its applicant's id; the applicant itself stays.</summary>
    public bool RemoveBeneficiary(string companyId, string key)
    {
        lock (_gate)
        {
            return _byId.GetValueOrDefault(companyId)?.Company is { } company
                && company.Beneficiaries.RemoveAll(b => b.Id == key || b.ApplicantId == key) > 0;
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _byId.Clear();
            _byExternalId.Clear();
            _created = 0;
            SumsubSeeder.Seed(this, _seeds);
        }
    }

    /// <summary>A completed review as a decision (GREEN, or RED with its kind and labels); a repeat of the current one is refused.</summary>
    public SumsubChange Decide(string id, string answer, string? rejectType, IReadOnlyList<string> labels, string? moderationComment, string? clientComment)
        => Change(id, (_, review, now) =>
        {
            if (review.Status == SumsubReviewStatus.Completed && review.Answer == answer && review.RejectType == rejectType)
            {
                return $"the applicant is already completed {answer}{(rejectType is null ? "" : " " + rejectType)}";
            }

            StartAttemptIfClosed(review, now);
            Complete(review, answer, rejectType, labels, moderationComment, clientComment, now);
            return null;
        }, "applicantReviewed");

    // Seeding and creation, under the lock Reset and AddBeneficiary hold.
    internal void Add(SumsubApplicant applicant)
    {
        _byId[applicant.Id] = applicant;
        _byExternalId[applicant.ExternalUserId] = applicant;
    }

    internal static SumsubApplicant NewPerson(
        string key, string externalUserId, DateTimeOffset at, SumsubPerson provided, SumsubPerson? extracted, string? email, string? phone, string? role)
        => new()
        {
            Id = SumsubIds.Hex($"applicant|{key}"),
            InspectionId = SumsubIds.Hex($"inspection|{key}"),
            ExternalUserId = externalUserId,
            Type = SumsubTypes.Individual,
            CreatedAt = at,
            Review = NewReview(key, "basic-kyc-level", at),
            Email = email,
            Phone = phone,
            Fixed = provided,
            Extracted = extracted,
            Role = role,
        };

    internal static SumsubReview NewReview(string key, string level, DateTimeOffset at)
        => new() { ReviewId = SumsubIds.Short($"review|{key}"), AttemptId = SumsubIds.Short($"attempt|{key}|0"), LevelName = level, CreateDate = at };

    private SumsubChange Change(string id, Func<SumsubApplicant, SumsubReview, DateTimeOffset, string?> change, string webhookType)
    {
        lock (_gate)
        {
            if (!_byId.TryGetValue(id, out var applicant))
            {
                return new SumsubChange(null);
            }

            var now = _time.GetUtcNow();
            if (change(applicant, applicant.Review, now) is { } refusal)
            {
                return new SumsubChange(applicant, refusal);
            }

            var payload = SumsubJson.Webhook(webhookType, applicant, _options.CurrentValue.ClientId, now);
            return new SumsubChange(applicant, null, new SumsubReviewEvent(webhookType, applicant.Id, payload));
        }
    }

    /// <summary>A decision on an applicant with no attempt under way (in <c>init</c>, or already decided) is a new attempt.</summary>
    private static void StartAttemptIfClosed(SumsubReview review, DateTimeOffset now)
    {
        if (review.Status is not (SumsubReviewStatus.Init or SumsubReviewStatus.Completed))
        {
            return;
        }

        review.AttemptCnt++;
        review.AttemptId = SumsubIds.Short($"attempt|{review.ReviewId}|{review.AttemptCnt}");
        review.CreateDate = now;
        ClearResult(review);
    }

    private static void Complete(
        SumsubReview review, string answer, string? rejectType, IReadOnlyList<string> labels, string? moderationComment, string? clientComment, DateTimeOffset now)
    {
        review.Status = SumsubReviewStatus.Completed;
        review.Answer = answer;
        review.RejectType = answer == SumsubReviewStatus.Red ? rejectType : null;
        review.RejectLabels = answer == SumsubReviewStatus.Red ? labels : [];
        review.ModerationComment = answer == SumsubReviewStatus.Red ? moderationComment : null;
        review.ClientComment = answer == SumsubReviewStatus.Red ? clientComment : null;
        review.ReviewDate = now;
    }

    private static void ClearResult(SumsubReview review)
    {
        review.Answer = null;
        review.RejectType = null;
        review.RejectLabels = [];
        review.ModerationComment = null;
        review.ClientComment = null;
        review.ReviewDate = null;
    }
}
