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
    [InlineData("GBR", "GB")]
    [InlineData("IRL", "IE")]
    [InlineData("irl", "IE")]
    [InlineData(" DEU ", "DE")]
    [InlineData("CHE", "CH")]
    [InlineData("USA", "US")]
    [InlineData("ALA", "AX")]
    [InlineData("XKX", "XK")]
    public void Maps_a_KYC_platforms_alpha_3_codes_to_their_alpha_2_codes(string alpha3, string expected)
        => Assert.Equal(expected, CountryNames.ToIsoCode(alpha3));

    [Fact]
    public void Knows_the_countries_by_their_alpha_3_codes_across_the_alphabet()
    {
        // A sample across the alphabet; a three-letter code that is no country is left out, not guessed.
        Assert.All(new[] { ("AFG", "AF"), ("BES", "BQ"), ("COD", "CD"), ("PRK", "KP"), ("SSD", "SS"), ("ZWE", "ZW") },
            pair => Assert.Equal(pair.Item2, CountryNames.ToIsoCode(pair.Item1)));
        Assert.Null(CountryNames.ToIsoCode("ZZZ"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Not specified")]
    [InlineData("Atlantis")]
    [InlineData("1")]
    public void Leaves_out_what_it_cannot_place_instead_of_guessing(string? register)
        => Assert.Null(CountryNames.ToIsoCode(register));
}
