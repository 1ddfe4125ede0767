using ContactSync.Core.Security;
using Microsoft.Extensions.Time.Testing;

namespace ContactSync.Core.Tests.Security;

public sealed class GuessWindowTests
{
    private const int Limit = 5;
    private const string Client = "203.0.113.7";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Concurrent_guesses_get_no_more_slots_than_the_limit_before_any_has_failed()
    {
        var window = new GuessWindow(() => Limit, _time);

        var admitted = Enumerable.Range(0, 50).AsParallel().Count(_ => window.TryBegin(Client) is null);

        Assert.Equal(Limit, admitted);
        Assert.NotNull(window.TryBegin(Client));
    }

    [Fact]
    public void A_client_at_the_limit_of_failures_waits_until_its_oldest_failure_is_a_minute_old()
    {
        var window = new GuessWindow(() => Limit, _time);
        for (var guess = 0; guess < Limit; guess++)
        {
            Assert.Null(window.TryBegin(Client));
            Assert.Equal(guess + 1, window.Failed(Client));
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(TimeSpan.FromSeconds(55), window.RetryAfter(Client));
        Assert.Equal(TimeSpan.FromSeconds(55), window.TryBegin(Client));
        _time.Advance(TimeSpan.FromSeconds(55));
        Assert.Null(window.RetryAfter(Client));
        Assert.Null(window.TryBegin(Client));
        Assert.NotNull(window.TryBegin(Client));
    }

    [Fact]
    public void A_right_guess_gives_its_slot_back_and_leaves_earlier_failures_standing()
    {
        var window = new GuessWindow(() => Limit, _time);
        for (var guess = 0; guess < Limit - 1; guess++)
        {
            Assert.Null(window.TryBegin(Client));
            window.Failed(Client);
        }

        for (var success = 0; success < 10; success++)
        {
            Assert.Null(window.TryBegin(Client));
            window.Succeeded(Client);
        }

        Assert.Null(window.TryBegin(Client));
        Assert.Equal(Limit, window.Failed(Client));
        Assert.NotNull(window.TryBegin(Client));
    }

    [Fact]
    public void A_client_whose_slots_are_all_being_evaluated_is_told_to_retry_shortly_and_others_are_not_held_up()
    {
        var window = new GuessWindow(() => Limit, _time);
        for (var guess = 0; guess < Limit; guess++)
        {
            Assert.Null(window.TryBegin(Client));
        }

        Assert.Null(window.RetryAfter(Client));
        Assert.Equal(TimeSpan.FromSeconds(1), window.TryBegin(Client));
        Assert.Null(window.TryBegin("198.51.100.1"));
    }
}
