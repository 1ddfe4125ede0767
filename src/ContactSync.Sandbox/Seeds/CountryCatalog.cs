namespace ContactSync.Sandbox.Seeds;

/// <summary>
/// The seeded countries. Ids start at 1101 and step by 3 so that a client which hard-codes the doc examples
/// (1 = GB, 2 = US) fails loudly instead of working by accident.
/// </summary>
internal static class CountryCatalog
{
    public const int FirstId = 1101;
    public const int IdStep = 3;

    private static readonly (string Name, string Code, string Culture)[] Entries =
    [
        ("Argentina", "AR", "es-AR"),
        ("Australia", "AU", "en-AU"),
        ("Austria", "AT", "de-AT"),
        ("Belgium", "BE", "nl-BE"),
        ("Brazil", "BR", "pt-BR"),
        ("Canada", "CA", "en-CA"),
        ("China", "CN", "zh-CN"),
        ("Czech Republic", "CZ", "cs-CZ"),
        ("Denmark", "DK", "da-DK"),
        ("Finland", "FI", "fi-FI"),
        ("France", "FR", "fr-FR"),
        ("Germany", "DE", "de-DE"),
        ("Greece", "GR", "el-GR"),
        ("India", "IN", "en-IN"),
        ("Ireland", "IE", "en-IE"),
        ("Italy", "IT", "it-IT"),
        ("Japan", "JP", "ja-JP"),
        ("Luxembourg", "LU", "fr-LU"),
        ("Mexico", "MX", "es-MX"),
        ("Netherlands", "NL", "nl-NL"),
        ("New Zealand", "NZ", "en-NZ"),
        ("Norway", "NO", "nb-NO"),
        ("Poland", "PL", "pl-PL"),
        ("Portugal", "PT", "pt-PT"),
        ("Singapore", "SG", "en-SG"),
        ("South Africa", "ZA", "en-ZA"),
        ("Spain", "ES", "es-ES"),
        ("Sweden", "SE", "sv-SE"),
        ("Switzerland", "CH", "de-CH"),
        ("United Arab Emirates", "AE", "ar-AE"),
        ("United Kingdom", "GB", "en-GB"),
        ("United States", "US", "en-US"),
    ];

    public static IReadOnlyList<Country> Build() =>
        [.. Entries.Select((entry, index) => new Country(FirstId + (index * IdStep), entry.Name, entry.Code, entry.Culture))];
}
