using ContactSync.Core.Nexudus.Http;

namespace ContactSync.Core.Tests.Nexudus;

public sealed class RetryAfterTests
{
    [Theory]
    [InlineData("Wait 3 seconds", 3.25)]
    [InlineData("{\"Message\":\"API calls quota exceeded! maximum admitted 60 per 1m. Wait 12 seconds.\"}", 12.25)]
    [InlineData("please WAIT 2.5 s before accessing this url again", 2.75)]
    [InlineData("Retry after 1 second", 1.25)]
    [InlineData("retry in 0,5 secs", 0.75)]
    public void Reads_the_wait_a_throttling_body_states(string body, double seconds)
        => Assert.Equal(TimeSpan.FromSeconds(seconds), RetryAfter.FromBody(body));

    [Theory]
    [InlineData("")]
    [InlineData("You must wait before accessing this url again.")]
    [InlineData("Wait a moment")]
    [InlineData("await 3 seconds")]
    [InlineData("Wait 999999 seconds")]
    public void Reads_no_wait_where_none_is_stated(string body)
        => Assert.Null(RetryAfter.FromBody(body));
}
