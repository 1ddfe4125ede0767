using System.Globalization;

namespace ContactSync.Sandbox.Api;

/// <summary>Paging and sorting as read from a Nexudus list query string.</summary>
internal sealed record ListQuery(int Page, int Size, string? OrderBy, bool Descending)
{
    public const int DefaultSize = 25;
    public const int DocumentedMaxSize = 1000;

    public static ListQuery From(IQueryCollection query, int maxSize)
    {
        var page = ParseInt(query["page"]) ?? 1;
        var size = ParseInt(query["size"]) ?? DefaultSize;
        var orderBy = query["orderBy"].ToString();
        return new ListQuery(
            Math.Max(page, 1),
            size < 1 ? DefaultSize : Math.Min(size, maxSize),
            string.IsNullOrWhiteSpace(orderBy) ? null : orderBy,
            IsDescending(query["dir"].ToString()));
    }

    // The docs disagree on dir (0/1, 1/-1, "Ascending"); the newest reading (1 = descending) wins,
    // and words and -1 are accepted too. Clients should read CurrentSortDirection instead of assuming.
    private static bool IsDescending(string dir) => dir.Trim().ToUpperInvariant() is "1" or "-1" or "DESC" or "DESCENDING";

    private static int? ParseInt(string? value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
}
