using ContactSync.Sandbox.Api;
using Microsoft.Extensions.Options;

namespace ContactSync.Sandbox.Seeds;

/// <summary>List, batch get and get-by-id for one read-only seeded entity.</summary>
internal static class ReadOnlyCollectionEndpoints
{
    public static void MapReadOnlyCollection<T>(
        this IEndpointRouteBuilder app,
        string pattern,
        Func<SeedData, IReadOnlyList<T>> all,
        Func<SeedData, IReadOnlyDictionary<int, T>> byId,
        Action<RecordFilter<T>> filters)
    {
        app.MapGet(pattern, (HttpRequest request, SeedData seeds, IOptionsMonitor<PagingOptions> paging) =>
        {
            if (BatchIds.IsBatch(request.Query))
            {
                return BatchIds.TryParse(request.Query, out var ids)
                    ? Results.Json(ids.Where(byId(seeds).ContainsKey).Select(id => byId(seeds)[id]).ToList())
                    : ApiResults.InvalidFilters(["id"]);
            }

            var filter = new RecordFilter<T>(request.Query);
            filters(filter);
            if (filter.InvalidFilters.Count > 0)
            {
                return ApiResults.InvalidFilters(filter.InvalidFilters);
            }

            return Results.Json(Paging.Page(all(seeds).Where(filter.Matches), ListQuery.From(request.Query, paging.CurrentValue.MaxPageSize)));
        });

        app.MapGet(pattern + "/{id}", (string id, SeedData seeds) =>
            int.TryParse(id, out var key) && byId(seeds).TryGetValue(key, out var record)
                ? Results.Json(record)
                : ApiResults.NotFound());
    }
}
