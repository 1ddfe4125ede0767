using System.Net;
using System.Net.Http.Headers;
using ContactSync.Core.Sources;
using ContactSync.Core.Sources.CompaniesHouse;

namespace ContactSync.Core.Tests.Sources;

/// <summary>When a source API's 429 ends, as each API says it: what the shared budget then holds every replica back for.</summary>
public sealed class ThrottleEndTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public void Retry_after_in_seconds_is_a_wait()
    {
        using var response = TooMany();
        response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(7));
        Assert.Equal(new ThrottleEnd(null, TimeSpan.FromSeconds(7)), Call().ThrottledUntil(response));
    }

    [Fact]
    public void Retry_after_as_a_date_is_read_against_the_answers_own_date_not_the_workers_clock()
    {
        using var response = TooMany();
        var sent = new DateTimeOffset(2026, 12, 8, 9, 0, 0, TimeSpan.Zero);
        response.Headers.Date = sent;
        response.Headers.RetryAfter = new RetryConditionHeaderValue(sent.AddSeconds(12));
        Assert.Equal(new ThrottleEnd(null, TimeSpan.FromSeconds(12)), Call().ThrottledUntil(response));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(7200)]
    public void No_wait_said_a_wait_of_nothing_or_more_than_an_hour_leaves_it_to_the_window(int? seconds)
    {
        using var response = TooMany();
        if (seconds is { } s)
        {
            response.Headers.TryAddWithoutValidation("Retry-After", s.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        Assert.Equal(ThrottleEnd.Unknown, Call().ThrottledUntil(response));
    }

    [Fact]
    public void The_register_says_when_its_window_resets_in_unix_seconds_and_a_second_is_added_for_its_clock()
    {
        using var response = TooMany();
        response.Headers.TryAddWithoutValidation("X-Ratelimit-Reset", "1796720400");
        var call = new RegisterCall(Timeout, Budget());
        Assert.Equal(new ThrottleEnd(DateTimeOffset.FromUnixTimeSeconds(1796720400).AddSeconds(1), null), call.ThrottledUntil(response));
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("12")]
    public void A_reset_the_register_did_not_send_as_a_unix_time_leaves_it_to_the_window(string reset)
    {
        using var response = TooMany();
        response.Headers.TryAddWithoutValidation("X-Ratelimit-Reset", reset);
        Assert.Equal(ThrottleEnd.Unknown, new RegisterCall(Timeout, Budget()).ThrottledUntil(response));
    }

    private static HttpResponseMessage TooMany() => new(HttpStatusCode.TooManyRequests);

    private static BudgetedSourceCall Call() => new(Timeout, Budget());

    // Never asked in these tests: the data source is not opened until a request takes from the budget.
    private static SourceBudget Budget()
        => new(Npgsql.NpgsqlDataSource.Create("Host=localhost"), TimeProvider.System, "test", "https://api.example", "key", 10, TimeSpan.FromSeconds(5), TimeSpan.Zero);
}
