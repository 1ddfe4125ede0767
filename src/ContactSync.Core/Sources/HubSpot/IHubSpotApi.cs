using Refit;

namespace ContactSync.Core.Sources.HubSpot;

/// <summary>The CRM endpoints ContactSync reads (bearer token).</summary>
internal interface IHubSpotApi
{
    /// <summary>The client's own settings and state, on every request this instance sends (see <see cref="SourceCall"/>).</summary>
    [Property(SourceCall.Key)]
    HubSpotCall? Call { get; set; }

    [Post("/crm/v3/objects/contacts/search")]
    Task<IApiResponse<CrmPage>> SearchContactsAsync([Body] SearchRequest request, CancellationToken cancellationToken);

    [Get("/crm/v3/objects/contacts")]
    Task<IApiResponse<CrmPage>> ListContactsAsync(
        int limit, string? after, [Query(CollectionFormat.Csv)] string[] properties, string archived, CancellationToken cancellationToken);

    [Post("/crm/v4/associations/contacts/companies/batch/read")]
    Task<IApiResponse<AssociationBatch>> ReadAssociationsAsync([Body] BatchInput input, CancellationToken cancellationToken);

    [Get("/crm/v4/objects/contacts/{contactId}/associations/companies")]
    Task<IApiResponse<AssociationPage>> ListAssociationsAsync(string contactId, int limit, string? after, CancellationToken cancellationToken);

    [Post("/crm/v3/objects/companies/batch/read")]
    Task<IApiResponse<ObjectBatch>> ReadCompaniesAsync([Body] BatchInput input, CancellationToken cancellationToken);
}
