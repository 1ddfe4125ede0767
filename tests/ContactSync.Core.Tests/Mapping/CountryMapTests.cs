using ContactSync.Core.Mapping;
using ContactSync.Core.Nexudus.Model;

namespace ContactSync.Core.Tests.Mapping;

public sealed class CountryMapTests
{
    [Fact]
    public void Looks_codes_up_ignoring_case()
    {
        var map = new CountryMap([new Country(826, "United Kingdom", "GB")]);

        Assert.True(map.TryGetCountryId("gb", out var id));
        Assert.Equal(826, id);
        Assert.False(map.TryGetCountryId("US", out _));
    }

    [Fact]
    public void Keeps_the_first_of_a_duplicated_code_and_ignores_codes_that_are_not_two_letters()
    {
        var map = new CountryMap(
        [
            new Country(1, "Spain", "ES"),
            new Country(2, "Spain (again)", "es"),
            new Country(3, "Nowhere", ""),
            new Country(4, "Three letters", "ESP"),
        ]);

        Assert.Equal(1, map.Count);
        Assert.True(map.TryGetCountryId("ES", out var id));
        Assert.Equal(1, id);
    }
}
