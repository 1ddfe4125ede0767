using ContactSync.Core.Mapping;

namespace ContactSync.Core.Tests.Mapping;

public sealed class NameNormaliserTests
{
    [Theory]
    [InlineData("Jane Doe", "JANE DOE")]
    [InlineData("  jane \t\n doe  ", "JANE DOE")]
    [InlineData("jane\u00A0doe", "JANE DOE")]
    [InlineData("", "")]
    [InlineData("   ", "")]
    public void Trims_collapses_whitespace_and_upper_cases(string name, string expected)
        => Assert.Equal(expected, NameNormaliser.NormaliseName(name));

    [Fact]
    public void Upper_cases_accented_letters_and_keeps_them_precomposed()
        => Assert.Equal("ZO\u00CB ANDR\u00C9", NameNormaliser.NormaliseName("Zo\u00EB Andr\u00E9"));

    [Fact]
    public void Makes_precomposed_and_decomposed_accents_equal_where_the_runtime_can_normalise()
    {
        // Without ICU (invariant globalization) .NET cannot normalise; the flag must say so.
        if (!NameNormaliser.CanNormaliseUnicode)
        {
            Assert.Equal(2, "e\u0301".Normalize(System.Text.NormalizationForm.FormC).Length);
            return;
        }

        var precomposed = NameNormaliser.NormaliseName("Zo\u00EB Andr\u00E9");
        var decomposed = NameNormaliser.NormaliseName("zoe\u0308 andre\u0301");

        Assert.Equal(precomposed, decomposed);
        Assert.Equal("ZO\u00CB ANDR\u00C9", decomposed);
    }
}
