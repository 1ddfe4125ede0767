using ContactSync.Sandbox.Api;
using Microsoft.Extensions.Options;

namespace ContactSync.Sandbox.ContractContacts;

/// <summary>List/search (partial records), batch get and get-by-id (full records).</summary>
internal static class ContractContactReadEndpoints
{
    public static RouteGroupBuilder MapContractContactReads(this RouteGroupBuilder group)
    {
        group.MapGet("/", List);
        group.MapGet("/{id}", (string id, ContractContactStore store, ContractContactMapper mapper) =>
            int.TryParse(id, out var key) && store.Find(key) is { } stored
                ? Results.Json(mapper.ToRecord(stored))
                : ApiResults.NotFound());
        return group;
    }

    private static IResult List(HttpRequest request, ContractContactStore store, ContractContactMapper mapper, IOptionsMonitor<PagingOptions> paging)
    {
        if (BatchIds.IsBatch(request.Query))
        {
            if (!BatchIds.TryParse(request.Query, out var ids))
            {
                return ApiResults.InvalidFilters(["id"]);
            }

            return Results.Json(ids.Select(store.Find).OfType<StoredContractContact>().Select(mapper.ToRecord).ToList());
        }

        var filter = new RecordFilter<StoredContractContact>(request.Query)
            .Int("ContractContact_CoworkerContract", stored => stored.Fields.CoworkerContractId)
            .Int("ContractContact_Coworker", stored => stored.Fields.CoworkerId)
            .Contains("ContractContact_FullName", stored => stored.Fields.FullName)
            .Contains("ContractContact_Email", stored => stored.Fields.Email)
            .Int("ContractContact_ContractContactType", stored => stored.Fields.ContractContactType)
            .Int("ContractContact_Country", stored => stored.Fields.CountryId)
            .Range("ContractContact_CreatedOn", stored => stored.CreatedOn)
            .Range("ContractContact_UpdatedOn", stored => stored.UpdatedOn);
        if (filter.InvalidFilters.Count > 0)
        {
            return ApiResults.InvalidFilters(filter.InvalidFilters);
        }

        var matches = store.All().Where(filter.Matches).Select(mapper.ToListItem);
        return Results.Json(Paging.Page(matches, ListQuery.From(request.Query, paging.CurrentValue.MaxPageSize)));
    }
}
