using System.Text;

namespace ContactSync.Core.Sources.CompaniesHouse;

/// <summary>
/// Turns the register's officer names into how a person writes their own. Natural persons come as
/// <c>SURNAME, Forenames</c>: split on the first comma and re-ordered to <c>Forenames Surname</c>. A name without a
/// comma (a corporate officer) is left in one piece, exactly as filed.
/// </summary>
/// <remarks>
/// The register upper-cases surnames, so their casing is rebuilt, conservatively:
/// <list type="bullet">
/// <item>each part between spaces, hyphens and apostrophes gets a capital and lower case (<c>SMITH-JONES</c> → Smith-Jones, <c>O'BRIEN</c> → O'Brien, <c>D'ARCY</c> → D'Arcy);</item>
/// <item><c>Mc</c> always takes a capital after it (McDonald); <c>Mac</c> only in a list of common Gaelic names (MacLeod, MacDonald…), because Machin, Mackie and Macey are names too;</item>
/// <item>particles inside a surname that follows forenames are lower case (Maria de la Cruz, Pieter van der Berg, Faf du Plessis); <c>Le</c>, <c>La</c> and <c>St</c> at a surname's start keep their capital;</item>
/// <item>Roman numerals (II, III, IV) stay upper case;</item>
/// <item>a surname filed in mixed case is kept as filed.</item>
/// </list>
/// Forenames are kept as filed, except a word filed all lower or all upper case, which gets the same rule (a lower-case
/// particle such as the Welsh <c>ap</c> and a numeral such as <c>II</c> after the first forename are kept).
/// </remarks>
public static class RegisterNames
{
    private static readonly HashSet<string> Particles = new(StringComparer.OrdinalIgnoreCase)
    {
        "de", "da", "di", "del", "della", "der", "den", "van", "von", "ter", "ten", "du", "dos", "das", "do", "la", "bin", "binti", "ibn", "ap", "ab", "ferch",
    };

    // Kept capitalised at a surname's start even when forenames precede it.
    private static readonly HashSet<string> LeadingKept = new(StringComparer.OrdinalIgnoreCase) { "le", "la", "st" };

    private static readonly HashSet<string> MacNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "macdonald", "macleod", "macneil", "macneill", "macintyre", "macmillan", "macarthur", "macaulay", "macgregor", "maclean",
        "macpherson", "macrae", "mackenzie", "mackinnon", "maclachlan", "macdougall", "macinnes", "maccallum", "macfarlane", "macaskill",
        "macsween", "maclennan", "macquarrie", "macnab", "macnaughton", "macbeth", "macdowell", "macgillivray", "macivor", "mackintosh",
    };

    private static readonly HashSet<string> RomanNumerals = new(StringComparer.OrdinalIgnoreCase) { "ii", "iii", "iv", "vi", "vii", "viii" };

    /// <summary>The name as a person's full name: <c>Forenames Surname</c>, or a corporate name untouched.</summary>
    public static string ToFullName(string registerName)
    {
        ArgumentNullException.ThrowIfNull(registerName);
        var name = Collapse(registerName);
        if (!name.Any(char.IsLetter))
        {
            return "";
        }

        var comma = name.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0)
        {
            return name;
        }

        var surname = name[..comma].Trim();
        var forenames = name[(comma + 1)..].Trim();
        if (surname.Length == 0)
        {
            return Forenames(forenames);
        }

        var cased = IsUpper(surname) ? Surname(surname, afterForenames: forenames.Length > 0) : surname;
        return forenames.Length == 0 ? cased : $"{Forenames(forenames)} {cased}";
    }

    private static string Forenames(string forenames)
        => string.Join(' ', forenames.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select((word, i) => word switch
        {
            _ when i > 0 && RomanNumerals.Contains(word) => word.ToUpperInvariant(),
            _ when i > 0 && IsLower(word) && Particles.Contains(word) => word,
            _ when IsUpper(word) || IsLower(word) => CapitaliseParts(word),
            _ => word,
        }));

    private static string Surname(string surname, bool afterForenames)
    {
        var words = surname.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var result = new List<string>(words.Length);
        for (var i = 0; i < words.Length; i++)
        {
            var word = words[i];
            var isLast = i == words.Length - 1;
            if (RomanNumerals.Contains(word) && i > 0)
            {
                result.Add(word.ToUpperInvariant());
            }
            else if (!isLast && Particles.Contains(word) && afterForenames && !(i == 0 && LeadingKept.Contains(word)))
            {
                result.Add(word.ToLowerInvariant());
            }
            else
            {
                result.Add(CapitaliseParts(word));
            }
        }

        return string.Join(' ', result);
    }

    // Capitalises each part between hyphens and apostrophes, then the Mc/Mac prefixes.
    private static string CapitaliseParts(string word)
    {
        var builder = new StringBuilder(word.Length);
        var start = true;
        foreach (var c in word)
        {
            builder.Append(start ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c));
            start = c is '-' or '\'' or '\u2019';
        }

        var cased = builder.ToString();
        var parts = cased.Split('-');
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = Prefixed(parts[i]);
        }

        return string.Join('-', parts);
    }

    private static string Prefixed(string part)
    {
        if (part.Length > 2 && part.StartsWith("Mc", StringComparison.Ordinal) && char.IsLetter(part[2]))
        {
            return string.Concat("Mc", char.ToUpperInvariant(part[2]).ToString(), part[3..]);
        }

        if (part.Length > 3 && part.StartsWith("Mac", StringComparison.Ordinal) && MacNames.Contains(part))
        {
            return string.Concat("Mac", char.ToUpperInvariant(part[3]).ToString(), part[4..]);
        }

        return part;
    }

    private static bool IsUpper(string text) => text.Any(char.IsLetter) && !text.Any(char.IsLower);

    private static bool IsLower(string text) => text.Any(char.IsLetter) && !text.Any(char.IsUpper);

    // Any whitespace (a non-breaking space too) separates words, and one space joins them.
    private static string Collapse(string text)
        => string.Join(' ', new string([.. text.Select(c => char.IsWhiteSpace(c) ? ' ' : c)]).Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
