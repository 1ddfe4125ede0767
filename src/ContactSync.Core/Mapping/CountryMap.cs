using ContactSync.Core.Nexudus.Model;

namespace ContactSync.Core.Mapping;

/// <summary>ISO 3166-1 alpha-2 codes to a tenant's Nexudus country ids, which differ between tenants.</summary>
public sealed class CountryMap
{
    private readonly Dictionary<string, int> ids = new(StringComparer.OrdinalIgnoreCase);

    public CountryMap(IEnumerable<Country> countries)
    {
        ArgumentNullException.ThrowIfNull(countries);
        foreach (var country in countries)
        {
            var code = country.TwoDigitsCode?.Trim();
            if (code is not null && IsAlpha2(code))
            {
                // A tenant listing a code twice is a data slip on their side; the first entry is kept so
                // the choice is stable from run to run.
                ids.TryAdd(code, country.Id);
            }
        }
    }

    public int Count => ids.Count;

    public bool TryGetCountryId(string code, out int countryId)
    {
        ArgumentNullException.ThrowIfNull(code);
        return ids.TryGetValue(code.Trim(), out countryId);
    }

    internal static bool IsAlpha2(string code) => code.Length == 2 && char.IsAsciiLetter(code[0]) && char.IsAsciiLetter(code[1]);
}
