namespace ContactSync.Sandbox.Api;

/// <summary>The envelope every Nexudus list or search returns. CurrentSortDirection: 0 ascending, 1 descending.</summary>
internal sealed record PagedResult<T>(
    IReadOnlyList<T> Records,
    int CurrentPage,
    int CurrentPageSize,
    string CurrentOrderField,
    int CurrentSortDirection,
    int FirstItem,
    int LastItem,
    int TotalItems,
    int TotalPages,
    bool HasNextPage,
    bool HasPreviousPage);
