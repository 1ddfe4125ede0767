namespace ContactSync.Core.Sources.Sumsub;

// Sumsub's applicant as its API answers it (GET /resources/applicants/{id}/one), only what ContactSync reads. Every
// field may be missing: what an applicant holds depends on the documents and data it gave and on the verification
// level. A company's structure sits in info.companyInfo (KYB 1.0, and what Sumsub extracted) or in
// fixedInfo.companyInfo (KYB 2.0, what was provided); both are read.

internal sealed record SumsubApplicant(
    string? Id,
    string? ExternalUserId,
    string? Type,
    string? Email,
    string? Phone,
    SumsubInfo? Info,
    SumsubInfo? FixedInfo,
    SumsubReview? Review);

internal sealed record SumsubInfo(
    string? FirstName,
    string? MiddleName,
    string? LastName,
    string? Dob,
    string? Country,
    string? Phone,
    string? Email,
    IReadOnlyList<SumsubAddress>? Addresses,
    SumsubCompanyInfo? CompanyInfo);

internal sealed record SumsubAddress(
    string? FlatNumber,
    string? BuildingNumber,
    string? BuildingName,
    string? Street,
    string? SubStreet,
    string? Town,
    string? State,
    string? PostCode,
    string? Country,
    string? FormattedAddress);

internal sealed record SumsubCompanyInfo(string? CompanyName, string? RegistrationNumber, string? Country, IReadOnlyList<SumsubBeneficiary>? Beneficiaries);

/// <summary>
/// One person (or company) in a company's structure. KYB 2.0 gives its roles as <c>types</c> and, for a person with
/// no applicant of their own, <c>beneficiaryInfo</c>; KYB 1.0 gives <c>positions</c> and a <c>type</c>.
/// </summary>
internal sealed record SumsubBeneficiary(
    string? Id,
    string? ApplicantId,
    IReadOnlyList<string>? Types,
    IReadOnlyList<string>? Positions,
    string? Type,
    SumsubInfo? BeneficiaryInfo);

internal sealed record SumsubReview(
    string? ReviewStatus,
    string? CreateDate,
    string? ReviewDate,
    SumsubReviewResult? ReviewResult);

/// <summary>A completed review's verdict. Its reject labels and comments are not read: they are for the operator in Sumsub, never for Nexudus.</summary>
internal sealed record SumsubReviewResult(string? ReviewAnswer, string? ReviewRejectType);
