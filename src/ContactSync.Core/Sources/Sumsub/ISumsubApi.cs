using Refit;

namespace ContactSync.Core.Sources.Sumsub;

/// <summary>Sumsub's applicant endpoints ContactSync reads; every request signed (see <see cref="SumsubSigningHandler"/>).</summary>
internal interface ISumsubApi
{
    /// <summary>The client's own settings and state, on every request this instance sends (see <see cref="SourceCall"/>).</summary>
    [Property(SourceCall.Key)]
    SumsubCall? Call { get; set; }

    [Get("/resources/applicants/{applicantId}/one")]
    Task<IApiResponse<SumsubApplicant>> GetApplicantAsync(string applicantId, CancellationToken cancellationToken);

    /// <summary>The applicant whose external user id is the company's reference (ContactSync's key for the company).</summary>
    [Get("/resources/applicants/-;externalUserId={externalUserId}/one")]
    Task<IApiResponse<SumsubApplicant>> GetApplicantByExternalIdAsync(string externalUserId, CancellationToken cancellationToken);
}
