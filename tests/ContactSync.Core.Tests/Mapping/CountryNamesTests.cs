using ContactSync.Core.Mapping;

namespace ContactSync.Core.Tests.Mapping;

public sealed class CountryNamesTests
{
    [Theory]
    [InlineData("England", "GB")]
    [InlineData("Wales", "GB")]
    [InlineData("Scotland", "GB")]
    [InlineData("Northern Ireland", "GB")]
    [InlineData("United Kingdom", "GB")]
    [InlineData("UNITED KINGDOM", "GB")]
    [InlineData("Great Britain", "GB")]
    [InlineData("England & Wales", "GB")]
    [InlineData("  england ", "GB")]
    [InlineData("UK", "GB")]
    [InlineData("U.K.", "GB")]
    [InlineData("Ireland", "IE")]
    [InlineData("Republic Of Ireland", "IE")]
    [InlineData("Jersey", "JE")]
    [InlineData("Isle of Man", "IM")]
    [InlineData("United States of America", "US")]
    [InlineData("USA", "US")]
    [InlineData("The Netherlands", "NL")]
    [InlineData("France", "FR")]
    [InlineData("fr", "FR")]
    [InlineData("Virgin Islands, British", "VG")]
    public void Maps_the_registers_free_text_countries_to_ISO_codes(string register, string expected)
        => Assert.Equal(expected, CountryNames.ToIsoCode(register));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Not specified")]
    [InlineData("Atlantis")]
    [InlineData("1")]
    public void Leaves_out_what_it_cannot_place_instead_of_guessing(string? register)
        => Assert.Null(CountryNames.ToIsoCode(register));
}
