using ContactSync.Core.Companies;

namespace ContactSync.Core.Tests.Contracts;

public sealed class CompanyRefTests
{
    [Theory]
    [InlineData("01234567", "01234567")]
    [InlineData("1234567", "01234567")]
    [InlineData("  1234 567 ", "01234567")]
    [InlineData("sc012345", "SC012345")]
    [InlineData("SC12345", "SC012345")]
    [InlineData("ni 1234", "NI001234")]
    [InlineData("OC301234", "OC301234")]
    [InlineData("12", "00000012")]
    [InlineData("hubspot-123", "HUBSPOT-123")]
    [InlineData("id12", "ID12")]
    [InlineData("ID012", "ID012")]
    [InlineData("oc1234", "OC001234")]
    [InlineData("1234567890", "1234567890")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Normalises_register_numbers_to_eight_characters_and_leaves_other_ids_alone(string? raw, string expected)
        => Assert.Equal(expected, CompanyRef.Normalise(raw));
}
