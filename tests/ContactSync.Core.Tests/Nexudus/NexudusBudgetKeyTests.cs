using ContactSync.Core.Nexudus;
using ContactSync.Core.Nexudus.Budget;

namespace ContactSync.Core.Tests.Nexudus;

public sealed class NexudusBudgetKeyTests
{
    [Fact]
    public void Is_the_same_for_the_same_client_however_it_is_spelled()
    {
        var one = NexudusBudgetKey.For(Options("https://spaces.nexudus.com", "Ops@Example.test"));
        var two = NexudusBudgetKey.For(Options("https://SPACES.nexudus.com/", " ops@example.test "));

        Assert.Equal(one, two);
    }

    [Fact]
    public void Differs_by_login_and_by_API_and_never_contains_the_login()
    {
        var key = NexudusBudgetKey.For(Options("https://spaces.nexudus.com", "ops@example.test"));

        Assert.NotEqual(key, NexudusBudgetKey.For(Options("https://spaces.nexudus.com", "other@example.test")));
        Assert.NotEqual(key, NexudusBudgetKey.For(Options("http://127.0.0.1:5080", "ops@example.test")));
        Assert.DoesNotContain("ops", key, StringComparison.OrdinalIgnoreCase);
        Assert.Matches("^[0-9a-f]{32}$", key);
    }

    private static NexudusOptions Options(string baseUrl, string username)
        => new() { BaseUrl = baseUrl, Username = username, Password = "unused" };
}
