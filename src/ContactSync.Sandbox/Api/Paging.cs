using System.Reflection;

namespace ContactSync.Sandbox.Api;

/// <summary>Sorts by any record property named in orderBy (falling back to Id) and cuts out one page.</summary>
internal static class Paging
{
    private const string DefaultOrderField = "Id";

    public static PagedResult<T> Page<T>(IEnumerable<T> items, ListQuery query)
    {
        var idProperty = FindProperty<T>(DefaultOrderField);
        var orderProperty = FindProperty<T>(query.OrderBy) ?? idProperty;

        // Ordering by Id first and then (stably) by the requested field gives ties a fixed order.
        var ordered = idProperty is null ? items : items.OrderBy(item => idProperty.GetValue(item), Comparer<object?>.Default);
        if (orderProperty is not null)
        {
            ordered = query.Descending
                ? ordered.OrderByDescending(item => orderProperty.GetValue(item), Comparer<object?>.Default)
                : ordered.OrderBy(item => orderProperty.GetValue(item), Comparer<object?>.Default);
        }

        var all = ordered.ToList();
        var total = all.Count;
        var totalPages = (total + query.Size - 1) / query.Size;
        var skip = (long)(query.Page - 1) * query.Size;
        var records = skip >= total ? [] : all.Skip((int)skip).Take(query.Size).ToList();
        var first = records.Count == 0 ? 0 : (int)skip + 1;

        return new PagedResult<T>(
            records,
            query.Page,
            query.Size,
            orderProperty?.Name ?? DefaultOrderField,
            query.Descending ? 1 : 0,
            first,
            records.Count == 0 ? 0 : first + records.Count - 1,
            total,
            totalPages,
            query.Page < totalPages,
            query.Page > 1 && total > 0);
    }

    private static PropertyInfo? FindProperty<T>(string? name) =>
        string.IsNullOrWhiteSpace(name)
            ? null
            : typeof(T).GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
}
