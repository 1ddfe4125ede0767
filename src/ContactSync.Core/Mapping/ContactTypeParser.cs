using ContactSync.Core.Contacts;

namespace ContactSync.Core.Mapping;

// Reads a contact type as people write it: the enum name in any case, with the words optionally split
// by a space or underscore (Nominated Recipient, company_alias), or Nexudus's number.
internal static class ContactTypeParser
{
    public static bool TryParse(string text, out ContractContactType type)
    {
        type = text switch
        {
            "1" => ContractContactType.Director,
            "2" => ContractContactType.CompanyAlias,
            "3" => ContractContactType.NominatedRecipient,
            _ => Compact(text) switch
            {
                "DIRECTOR" => ContractContactType.Director,
                "COMPANYALIAS" => ContractContactType.CompanyAlias,
                "NOMINATEDRECIPIENT" => ContractContactType.NominatedRecipient,
                _ => ContractContactType.None,
            },
        };
        return type != ContractContactType.None;
    }

    // Only one separator between the words is accepted, so "Company  Alias" or "C o m p a n y" are not.
    private static string Compact(string text)
    {
        var words = text.Split([' ', '_']);
        return words.Length <= 2 && words.All(w => w.Length > 0)
            ? string.Concat(words).ToUpperInvariant()
            : "";
    }
}
