using ContactSync.Core.Sources;

namespace ContactSync.Core.Push;

/// <summary>
/// Which source writes a contact that several hold: the highest <see cref="SourceOptions.Priority"/>, and between equal
/// priorities the source listed first in <c>ContactSync:Sources</c>. A source no longer configured ranks last.
/// </summary>
internal sealed class SourceRanking(IReadOnlyList<SourceOptions> sources)
{
    public bool RanksFirst(string source, IEnumerable<string> others) => others.All(other => Compare(source, other) < 0);

    private int Compare(string one, string other)
    {
        var (first, second) = (Rank(one), Rank(other));
        var byRank = first.CompareTo(second);
        return byRank != 0 ? byRank : string.CompareOrdinal(one, other);
    }

    // Lower ranks first: priority descending, then position.
    private (int Priority, int Position) Rank(string source)
    {
        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i].Name == source)
            {
                return (-sources[i].Priority, i);
            }
        }

        return (int.MaxValue, int.MaxValue);
    }
}
