namespace ContactSync.Core.Mapping;

/// <summary>
/// Free-text countries (the register's, a CRM's, a KYC platform's) as ISO 3166 codes, which Nexudus's country list is
/// keyed by. The United Kingdom's parts (England, Wales, Scotland, Northern Ireland, Great Britain, UK…) are all GB; a
/// two-letter code is taken as one, a three-letter (alpha-3) code as its two-letter one; other names come from a table
/// of the countries officers most often give. A country not known here (or "Not specified") is left out rather than
/// guessed: the contact is still synced, without a country.
/// </summary>
public static class CountryNames
{
    private static readonly Dictionary<string, string> ByName = Build();

    public static string? ToIsoCode(string? country)
    {
        if (string.IsNullOrWhiteSpace(country))
        {
            return null;
        }

        var key = Key(country);
        if (ByName.TryGetValue(key, out var code))
        {
            return code;
        }

        return key.Length switch
        {
            2 when key.All(char.IsAsciiLetter) && key != "UK" => key,
            3 => CountryCodes.FromAlpha3(key),
            _ => null,
        };
    }

    private static string Key(string text)
        => string.Join(' ', text.Trim().TrimEnd('.').Replace('&', ' ').Replace(',', ' ').ToUpperInvariant()
            .Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(word => word is not ("THE" or "AND")));

    private static Dictionary<string, string> Build()
    {
        var table = new Dictionary<string, string>(StringComparer.Ordinal);
        void Add(string code, params string[] names)
        {
            foreach (var name in names)
            {
                table[Key(name)] = code;
            }
        }

        Add("GB", "England", "Wales", "Scotland", "Northern Ireland", "United Kingdom", "Great Britain", "UK", "U.K", "GB", "Britain",
            "England and Wales", "England & Wales", "United Kingdom of Great Britain and Northern Ireland", "Cymru");
        Add("IE", "Ireland", "Republic of Ireland", "Eire");
        Add("JE", "Jersey");
        Add("GG", "Guernsey");
        Add("IM", "Isle of Man");
        Add("GI", "Gibraltar");
        Add("US", "United States", "United States of America", "USA", "U.S.A");
        Add("CA", "Canada");
        Add("AU", "Australia");
        Add("NZ", "New Zealand");
        Add("FR", "France");
        Add("DE", "Germany");
        Add("ES", "Spain");
        Add("PT", "Portugal");
        Add("IT", "Italy");
        Add("NL", "Netherlands", "Holland", "The Netherlands");
        Add("BE", "Belgium");
        Add("LU", "Luxembourg");
        Add("CH", "Switzerland");
        Add("AT", "Austria");
        Add("DK", "Denmark");
        Add("SE", "Sweden");
        Add("NO", "Norway");
        Add("FI", "Finland");
        Add("IS", "Iceland");
        Add("PL", "Poland");
        Add("CZ", "Czech Republic", "Czechia");
        Add("SK", "Slovakia");
        Add("SI", "Slovenia");
        Add("HU", "Hungary");
        Add("RO", "Romania");
        Add("BG", "Bulgaria");
        Add("GR", "Greece");
        Add("CY", "Cyprus");
        Add("MT", "Malta");
        Add("HR", "Croatia");
        Add("RS", "Serbia");
        Add("LT", "Lithuania");
        Add("LV", "Latvia");
        Add("EE", "Estonia");
        Add("UA", "Ukraine");
        Add("TR", "Turkey", "Türkiye", "Turkiye");
        Add("IL", "Israel");
        Add("AE", "United Arab Emirates", "UAE");
        Add("SA", "Saudi Arabia");
        Add("QA", "Qatar");
        Add("IN", "India");
        Add("PK", "Pakistan");
        Add("BD", "Bangladesh");
        Add("LK", "Sri Lanka");
        Add("CN", "China");
        Add("HK", "Hong Kong");
        Add("SG", "Singapore");
        Add("MY", "Malaysia");
        Add("JP", "Japan");
        Add("KR", "South Korea", "Korea");
        Add("ZA", "South Africa");
        Add("NG", "Nigeria");
        Add("KE", "Kenya");
        Add("GH", "Ghana");
        Add("BR", "Brazil");
        Add("MX", "Mexico");
        Add("AR", "Argentina");
        Add("MC", "Monaco");
        Add("LI", "Liechtenstein");
        Add("VG", "British Virgin Islands", "Virgin Islands British", "Virgin Islands (British)");
        Add("KY", "Cayman Islands");
        Add("BM", "Bermuda");
        return table;
    }
}
