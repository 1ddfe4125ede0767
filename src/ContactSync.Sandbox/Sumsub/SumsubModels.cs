namespace ContactSync.Sandbox.Sumsub;

/// <summary>Sumsub's applicant types.</summary>
internal static class SumsubTypes
{
    public const string Individual = "individual";
    public const string Company = "company";
}

/// <summary>Sumsub's review statuses and answers.</summary>
internal static class SumsubReviewStatus
{
    public const string Init = "init";
    public const string Pending = "pending";
    public const string Prechecked = "prechecked";
    public const string Queued = "queued";
    public const string Completed = "completed";
    public const string OnHold = "onHold";

    public const string Green = "GREEN";
    public const string Red = "RED";
    public const string Final = "FINAL";
    public const string Retry = "RETRY";
}

/// <summary>A structured address as Sumsub holds one (every part optional, as real data has gaps).</summary>
internal sealed record SumsubAddress(
    string? Country = null, string? PostCode = null, string? Town = null, string? Street = null, string? SubStreet = null,
    string? State = null, string? BuildingName = null, string? BuildingNumber = null, string? FlatNumber = null, string? FormattedAddress = null);

/// <summary>
/// A person's data: in <c>fixedInfo</c> what was provided, in <c>info</c> what was read from the documents (with Latin
/// transliterations in <c>firstNameEn</c>/<c>lastNameEn</c>). Absent parts are left out of the JSON.
/// </summary>
internal sealed record SumsubPerson(
    string? FirstName, string? LastName, string? MiddleName = null, string? Dob = null, string? Country = null, string? Phone = null,
    IReadOnlyList<SumsubAddress>? Addresses = null, string? FirstNameEn = null, string? LastNameEn = null, string? Nationality = null);

/// <summary>What a beneficiary without an applicant profile is known by (KYB 2.0 <c>beneficiaryInfo</c>).</summary>
internal sealed record SumsubBeneficiaryInfo(
    string? FirstName, string? LastName, string? MiddleName = null, string? Dob = null, string? Email = null, string? Phone = null,
    string? Country = null, string? Nationality = null);

/// <summary>
/// One place in a company's control and ownership structure. KYB 2.0 shows <c>id</c>, <c>applicantId</c> (or
/// <c>beneficiaryInfo</c>), <c>types</c> and <c>shareSize</c>; KYB 1.0 shows <c>applicantId</c>, <c>positions</c> and
/// one <c>type</c>.
/// </summary>
internal sealed record SumsubBeneficiary(
    string Id, string? ApplicantId, IReadOnlyList<string> Types, double? ShareSize = null, SumsubBeneficiaryInfo? Info = null,
    IReadOnlyList<string>? Positions = null, string? Kyb1Type = null);

/// <summary>A company applicant's registry data and its beneficiaries; <see cref="Kyb"/> 2 keeps them in fixedInfo, 1 in info.</summary>
internal sealed class SumsubCompany(string name, string registrationNumber, string country, int kyb)
{
    public string Name { get; } = name;
    public string RegistrationNumber { get; } = registrationNumber;
    public string Country { get; } = country;
    public int Kyb { get; } = kyb;
    public string? LegalAddress { get; init; }
    public string? IncorporatedOn { get; init; }
    public string? LegalType { get; init; }
    public List<SumsubBeneficiary> Beneficiaries { get; } = [];
}

/// <summary>An applicant's current review; changed only through <see cref="SumsubStore"/>.</summary>
internal sealed class SumsubReview
{
    public required string ReviewId { get; set; }
    public required string AttemptId { get; set; }
    public int AttemptCnt { get; set; }
    public required string LevelName { get; init; }
    public DateTimeOffset CreateDate { get; set; }
    public DateTimeOffset? ReviewDate { get; set; }
    public string Status { get; set; } = SumsubReviewStatus.Init;
    public string? Answer { get; set; }
    public string? RejectType { get; set; }
    public IReadOnlyList<string> RejectLabels { get; set; } = [];
    public string? ModerationComment { get; set; }
    public string? ClientComment { get; set; }
}

/// <summary>One applicant, a person or a company, as the Sandbox's Sumsub holds it.</summary>
internal sealed class SumsubApplicant
{
    public required string Id { get; init; }
    public required string InspectionId { get; init; }
    public required string ExternalUserId { get; init; }
    public required string Type { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required SumsubReview Review { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string Lang { get; init; } = "en";

    /// <summary>Provided data (a person's); null for companies.</summary>
    public SumsubPerson? Fixed { get; init; }

    /// <summary>Extracted data (a person's): empty until documents were read.</summary>
    public SumsubPerson? Extracted { get; init; }

    public SumsubCompany? Company { get; init; }

    /// <summary>What the seed made this applicant stand for (e.g. <c>pending-director</c>), for tests; null otherwise.</summary>
    public string? Role { get; init; }
}

/// <summary>A review change to announce: the webhook's type, its applicant, and its payload as of the change.</summary>
internal sealed record SumsubReviewEvent(string Type, string ApplicantId, System.Text.Json.Nodes.JsonObject Payload);
