namespace ContactSync.Core.State;

/// <summary>A page of matches: how many match in all, this page, and the cursor of the next (null on the last).</summary>
public sealed record ResultPage<T>(long Total, IReadOnlyList<T> Items, string? Next);

public static class ResultPage
{
    /// <summary>
    /// A page from <paramref name="items"/>, read with one more than <paramref name="limit"/>: that extra item only
    /// says another page follows, whose cursor is the last kept item's.
    /// </summary>
    public static ResultPage<T> Trim<T>(long total, List<T> items, int limit, Func<T, string> cursorOf)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(cursorOf);
        if (items.Count <= limit)
        {
            return new ResultPage<T>(total, items, null);
        }

        items.RemoveRange(limit, items.Count - limit);
        return new ResultPage<T>(total, items, cursorOf(items[^1]));
    }
}
