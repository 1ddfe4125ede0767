using System.Text.Json.Nodes;
using ContactSync.Core.Nexudus.Model;
using Refit;

namespace ContactSync.Core.Nexudus.Http;

/// <summary>
/// The Nexudus endpoints ContactSync calls. Every method returns <see cref="IApiResponse{T}"/> so that statuses are
/// classified by <see cref="NexudusClient"/> instead of surfacing as exceptions.
/// </summary>
internal interface INexudusApi
{
    [Get("/api/billing/contractcontacts")]
    Task<IApiResponse<NexudusPage<ContractContact>>> ListContractContactsAsync(
        int page,
        int size,
        [AliasAs("ContractContact_CoworkerContract")] int? coworkerContractId,
        string orderBy,
        CancellationToken cancellationToken);

    // A JsonObject rather than a DTO: an update must PUT back every field, including ones this code has never heard of.
    [Get("/api/billing/contractcontacts/{id}")]
    Task<IApiResponse<JsonObject>> GetContractContactAsync(int id, CancellationToken cancellationToken);

    // Buffered so the body has a Content-Length and can be re-sent after a 401 or a throttled attempt.
    [Post("/api/billing/contractcontacts")]
    Task<IApiResponse<NexudusActionResult>> CreateContractContactAsync(
        [Body(buffered: true)] ContractContactPayload payload, CancellationToken cancellationToken);

    [Put("/api/billing/contractcontacts")]
    Task<IApiResponse<NexudusActionResult>> UpdateContractContactAsync(
        [Body(buffered: true)] JsonObject contact, CancellationToken cancellationToken);

    [Delete("/api/billing/contractcontacts/{id}")]
    Task<IApiResponse<NexudusActionResult>> DeleteContractContactAsync(int id, CancellationToken cancellationToken);

    [Get("/api/billing/tariffs")]
    Task<IApiResponse<NexudusPage<Tariff>>> ListTariffsAsync(int page, int size, CancellationToken cancellationToken);

    [Get("/api/billing/coworkercontracts")]
    Task<IApiResponse<NexudusPage<CoworkerContract>>> ListCoworkerContractsAsync(
        int page, int size, [AliasAs("CoworkerContract_Active")] bool active, string orderBy, CancellationToken cancellationToken);

    // JsonObjects: the field that holds a company's reference is chosen by configuration (TaxIDNumber, Custom1..30, ...).
    [Get("/api/spaces/coworkers")]
    Task<IApiResponse<NexudusPage<System.Text.Json.Nodes.JsonObject>>> ListCoworkersAsync(
        int page, int size, [AliasAs("Coworker_CoworkerType")] int coworkerType, string orderBy, CancellationToken cancellationToken);

    [Get("/api/sys/countries")]
    Task<IApiResponse<NexudusPage<Country>>> ListCountriesAsync(int page, int size, CancellationToken cancellationToken);
}
