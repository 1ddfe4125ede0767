namespace ContactSync.Core.Nexudus.Http;

/// <summary>The list envelope. Only the fields paging needs; the rest (TotalItems, FirstItem, ...) is ignored.</summary>
internal sealed record NexudusPage<T>
{
    public IReadOnlyList<T>? Records { get; init; }
    public bool HasNextPage { get; init; }
    public int CurrentPage { get; init; }
    public int TotalPages { get; init; }
}
