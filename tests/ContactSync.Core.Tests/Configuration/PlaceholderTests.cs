using ContactSync.Core.Configuration;

namespace ContactSync.Core.Tests.Configuration;

public sealed class PlaceholderTests
{
    [Theory]
    [InlineData("CHANGE-ME", true)]
    [InlineData("CHANGE-ME-TOO-LONG", true)]
    [InlineData("Host=CHANGE-ME;Port=5432", true)]
    [InlineData("CHANGE-ME@example.com", true)]
    [InlineData("change_me", true)]
    [InlineData("changeme", true)]
    [InlineData("<Replace Me>", true)]
    [InlineData("exchangemetrics", false)]
    [InlineData("a-real-password-1", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void The_example_marker_and_its_obvious_variants_are_placeholders(string? value, bool placeholder)
        => Assert.Equal(placeholder, Placeholder.IsIn(value));
}
