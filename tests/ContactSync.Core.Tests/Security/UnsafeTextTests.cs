using ContactSync.Core.Security;

namespace ContactSync.Core.Tests.Security;

public sealed class UnsafeTextTests
{
    [Theory]
    [InlineData("a\0b", "a\\u0000b")]
    [InlineData("/x\n[INF] forged\r", "/x\\n[INF] forged\\r")]
    [InlineData("\u001b[31mred", "\\u001B[31mred")]
    [InlineData("\u009bcsi\u007f", "\\u009Bcsi\\u007F")]
    [InlineData("left\u202eright", "left\\u202Eright")]
    [InlineData("line\u2028sep", "line\\u2028sep")]
    public void Unsafe_characters_are_found_and_escaped(string value, string escaped)
    {
        Assert.True(UnsafeText.Contains(value));
        Assert.Equal(escaped, UnsafeText.Escape(value));
    }

    [Fact]
    public void Half_a_surrogate_pair_is_escaped_and_a_whole_one_kept()
    {
        // Built here: a test runner's serialisation would replace a lone surrogate in InlineData.
        var half = "half" + (char)0xD800;

        Assert.True(UnsafeText.Contains(half));
        Assert.Equal("half\\uD800", UnsafeText.Escape(half));
        Assert.False(UnsafeText.Contains("pair " + char.ConvertFromUtf32(0x1F600)));
    }

    [Theory]
    [InlineData("crm")]
    [InlineData("Ünïcødé key 100031/7 😀")]
    [InlineData("")]
    public void Ordinary_text_is_left_as_it_is(string value)
    {
        Assert.False(UnsafeText.Contains(value));
        Assert.Same(value, UnsafeText.Escape(value));
    }
}
