namespace ContactSync.Core.Views;

/// <summary>
/// A page of matches: how many match in all (counted up to <see cref="ResultPage.CountCap"/>: past it,
/// <see cref="TotalCapped"/> says "more than"), this page, and the cursor of the next (null on the last).
/// </summary>
public sealed record ResultPage<T>(long Total, IReadOnlyList<T> Items, string? Next)
{
    /// <summary>More match than <see cref="Total"/>: counting on would read the whole ledger for a number nobody pages through.</summary>
    public bool TotalCapped { get; init; }
}

public static class ResultPage
{
    /// <summary>Matches counted exactly up to this many; a count beyond it costs a scan of the ledger per page view.</summary>
    public const int CountCap = 10_000;

    /// <summary>
    /// The count of what <paramref name="fromWhere"/> (<c>from … where …</c>, the list's own filter) selects, read no
    /// further than one past <see cref="CountCap"/>.
    /// </summary>
    public static string CappedCount(string fromWhere)
        => $"select count(*) from (select 1 {fromWhere} limit {CountCap + 1}) capped";

    /// <summary>
    /// A page from <paramref name="items"/>, read with one more than <paramref name="limit"/>: that extra item only
    /// says another page follows, whose cursor is the last kept item's.
    /// </summary>
    public static ResultPage<T> Trim<T>(long total, List<T> items, int limit, Func<T, string> cursorOf)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(cursorOf);
        var (shown, capped) = total > CountCap ? (CountCap, true) : (total, false);
        if (items.Count <= limit)
        {
            return new ResultPage<T>(shown, items, null) { TotalCapped = capped };
        }

        items.RemoveRange(limit, items.Count - limit);
        return new ResultPage<T>(shown, items, cursorOf(items[^1])) { TotalCapped = capped };
    }
}
