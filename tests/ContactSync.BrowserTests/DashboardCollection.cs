namespace ContactSync.BrowserTests;

/// <summary>Browser tests share one <see cref="DashboardWorld"/>: starting it (a sync, a host, a browser) is most of their time.</summary>
[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardWorld>
{
    public const string Name = "dashboard";
}
