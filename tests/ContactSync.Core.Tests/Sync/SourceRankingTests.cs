using ContactSync.Core.Push;
using ContactSync.Core.Sources;

namespace ContactSync.Core.Tests.Sync;

public sealed class SourceRankingTests
{
    private static SourceOptions Source(string name, int priority = 0) => new() { Name = name, Type = SourceType.Csv, Schedule = "* * * * *", Priority = priority };

    [Fact]
    public void Between_equal_priorities_the_source_listed_first_writes_a_shared_contact()
    {
        var ranking = new SourceRanking([Source("register"), Source("crm")]);
        Assert.True(ranking.RanksFirst("register", ["crm"]));
        Assert.False(ranking.RanksFirst("crm", ["register"]));
    }

    [Fact]
    public void A_higher_priority_wins_wherever_it_is_listed_and_a_source_no_longer_configured_ranks_last()
    {
        var ranking = new SourceRanking([Source("register"), Source("crm", priority: 5), Source("csv", priority: -1)]);
        Assert.True(ranking.RanksFirst("crm", ["register", "csv"]));
        Assert.False(ranking.RanksFirst("register", ["crm"]));
        Assert.True(ranking.RanksFirst("register", ["csv"]));
        Assert.True(ranking.RanksFirst("csv", ["removed-source"]));
        Assert.True(ranking.RanksFirst("csv", []));
    }
}
