using System.Net;
using System.Net.Sockets;
using ContactSync.IntegrationTests.Infrastructure;

namespace ContactSync.IntegrationTests;

public sealed class InfrastructureHelperTests
{
    [Fact]
    public void Child_environment_drops_the_runners_configuration_and_applies_the_given_values()
    {
        var environment = new Dictionary<string, string?>
        {
            ["PATH"] = "/usr/bin",
            ["DOTNET_ROOT"] = "/opt/dotnet",
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_URLS"] = "http://+:80",
            ["ConnectionStrings__ContactSync"] = "Host=elsewhere",
        };

        ChildEnvironment.Apply(environment, new Dictionary<string, string> { ["Nexudus__BaseUrl"] = "http://sandbox/" });

        Assert.Equal("/usr/bin", environment["PATH"]);
        Assert.Equal("/opt/dotnet", environment["DOTNET_ROOT"]);
        Assert.Equal("Production", environment["DOTNET_ENVIRONMENT"]);
        Assert.Equal("http://sandbox/", environment["Nexudus__BaseUrl"]);
        Assert.False(environment.ContainsKey("ASPNETCORE_URLS"));
        Assert.False(environment.ContainsKey("ConnectionStrings__ContactSync"));
    }

    [Fact]
    public void Given_environment_name_wins_over_the_production_default()
    {
        var environment = new Dictionary<string, string?>();

        ChildEnvironment.Apply(environment, new Dictionary<string, string> { ["DOTNET_ENVIRONMENT"] = "Development" });

        Assert.Equal("Development", environment["DOTNET_ENVIRONMENT"]);
    }

    [Fact]
    public void Sandbox_stats_count_requests_by_route_and_status()
    {
        var stats = SandboxStats.Parse("""{"POST /api/spaces/contractcontacts": {"200": 3, "429": 2}}""");

        Assert.Equal(3, stats.Count("POST /api/spaces/contractcontacts", 200));
        Assert.Equal(2, stats.Count("POST /api/spaces/contractcontacts", 429));
        Assert.Equal(5, stats.Count("POST /api/spaces/contractcontacts"));
        Assert.Equal(0, stats.Count("POST /api/spaces/contractcontacts", 500));
        Assert.Equal(0, stats.Count("GET /api/spaces/contractcontacts", 200));
    }

    [Fact]
    public void Free_ports_are_distinct_and_bindable_on_loopback()
    {
        var ports = Enumerable.Range(0, 20).Select(_ => FreeTcpPort.Next()).ToList();

        Assert.Equal(ports.Count, ports.Distinct().Count());
        using var listener = new TcpListener(IPAddress.Loopback, ports[0]);
        listener.Start();
    }

    [Fact]
    public async Task Eventually_times_out_naming_what_it_waited_for()
    {
        var polls = 0;

        var timeout = await Assert.ThrowsAsync<TimeoutException>(() => Eventually.WaitUntilAsync(
            () => Task.FromResult(++polls > 1000), TimeSpan.FromMilliseconds(300), "the moon turns blue"));

        Assert.Contains("the moon turns blue", timeout.Message, StringComparison.Ordinal);
        Assert.InRange(polls, 2, 10);
    }

    [Fact]
    public async Task Eventually_returns_once_the_condition_holds()
    {
        var polls = 0;

        await Eventually.WaitUntilAsync(() => Task.FromResult(++polls == 3), TimeSpan.FromSeconds(10), "the third poll");

        Assert.Equal(3, polls);
    }

    [Fact]
    public void Temp_directory_is_removed_with_its_contents_on_dispose()
    {
        string path;
        using (var directory = new TempDirectory())
        {
            path = directory.Path;
            File.WriteAllText(Path.Combine(path, "file.txt"), "x");
            Directory.CreateDirectory(Path.Combine(path, "sub"));
        }

        Assert.False(Directory.Exists(path));
    }

    [Theory]
    [InlineData(null, "test_")]
    [InlineData("Sync Run/1", "sync_run_1_")]
    [InlineData("!!!", "____")]
    public void Database_names_are_safe_identifiers_with_a_unique_suffix(string? prefix, string expectedStart)
    {
        var first = DatabaseName.Unique(prefix);
        var second = DatabaseName.Unique(prefix);

        Assert.StartsWith(expectedStart, first, StringComparison.Ordinal);
        Assert.Matches("^[a-z0-9_]{1,63}$", first);
        Assert.NotEqual(first, second);
    }
}
