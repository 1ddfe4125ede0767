using Refit;

namespace ContactSync.Core.Sources.CompaniesHouse;

/// <summary>The register's REST endpoints ContactSync reads (Basic auth: the API key as user name, an empty password).</summary>
internal interface ICompaniesHouseApi
{
    /// <summary>The client's own settings and state, on every request this instance sends (see <see cref="SourceCall"/>).</summary>
    [Property(SourceCall.Key)]
    RegisterCall? Call { get; set; }

    [Get("/company/{number}")]
    Task<IApiResponse<CompanyProfile>> GetCompanyAsync(string number, CancellationToken cancellationToken);

    [Get("/company/{number}/officers")]
    Task<IApiResponse<OfficerList>> ListOfficersAsync(
        string number,
        [AliasAs("items_per_page")] int itemsPerPage,
        [AliasAs("start_index")] int startIndex,
        CancellationToken cancellationToken);
}
