using System.Globalization;
using System.Text;
using ContactSync.Core.Contacts;
using ContactSync.Core.Nexudus.Model;

namespace ContactSync.Core.Push;

/// <summary>
/// The one definition of "the same contact", used to link a record to a contact already in Nexudus, to adopt what a
/// create in doubt made, and to tell that two source rows are one person: the same contract, the same type, the same
/// name once normalised (<see cref="NameKey"/>), and no conflict where both sides carry an email or a date of birth.
/// A side that lacks one says nothing against the other: a contact typed in without an email can be the person the
/// source knows by theirs.
/// </summary>
public static class ContactMatcher
{
    // Titles a person may be typed in with; dropped only while a name keeps another word.
    private static readonly HashSet<string> Honorifics = new(StringComparer.Ordinal)
    {
        "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame",
    };

    // Written either way in company names.
    private static readonly Dictionary<string, string> Synonyms = new(StringComparer.Ordinal)
    {
        ["limited"] = "ltd",
        ["and"] = "&",
        ["company"] = "co",
        ["incorporated"] = "inc",
    };

    public static bool IsSame(ContractContact candidate, ContractContactPayload payload)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(payload);
        return IsSame(Facts.Of(candidate), Facts.Of(payload));
    }

    public static bool IsSame(ContractContactPayload one, ContractContactPayload other)
    {
        ArgumentNullException.ThrowIfNull(one);
        ArgumentNullException.ThrowIfNull(other);
        return IsSame(Facts.Of(one), Facts.Of(other));
    }

    private static bool IsSame(Facts one, Facts other)
        => one.ContractId == other.ContractId
           && one.Type == other.Type
           && one.Name is not null && other.Name is not null
           && SameName(one.Name, other.Name)
           && !Conflict(NormaliseEmail(one.Email), NormaliseEmail(other.Email))
           && !Conflict(DateOf(one.DateOfBirth), DateOf(other.DateOfBirth));

    /// <summary>
    /// Two names are the same once case, diacritics, punctuation, spacing, titles and word order are set aside
    /// (<c>"SMITH, John"</c>, <c>"john smith"</c>, <c>"Mr. John  Smith"</c>), or once every separator is (<c>"O'Brien"</c>,
    /// <c>"O Brien"</c>).
    /// </summary>
    public static bool SameName(string one, string other)
    {
        ArgumentNullException.ThrowIfNull(one);
        ArgumentNullException.ThrowIfNull(other);
        var (first, second) = (Words(one), Words(other));
        if (first.Count == 0 || second.Count == 0)
        {
            return false;
        }

        return SortedKey(first) == SortedKey(second) || CompactKey(one) == CompactKey(other);
    }

    /// <summary>A key equal for every spelling <see cref="SameName"/> calls the same by word order (empty for a name with no letters).</summary>
    public static string NameKey(string name) => SortedKey(Words(name ?? throw new ArgumentNullException(nameof(name))));

    private static string SortedKey(List<string> words) => string.Join(' ', words.Order(StringComparer.Ordinal));

    // "SURNAME, Forenames" is turned round first, so the compact form of both spellings reads the same way.
    private static string CompactKey(string name)
    {
        var comma = name.IndexOf(',', StringComparison.Ordinal);
        var ordered = comma > 0 ? string.Concat(name.AsSpan(comma + 1), " ", name.AsSpan(0, comma)) : name;
        return string.Concat(Words(ordered).Select(word => Synonyms.GetValueOrDefault(word, word)));
    }

    /// <summary>The name's words: folded to plain lower-case letters and digits, titles and synonyms made one.</summary>
    private static List<string> Words(string name)
    {
        var folded = Fold(name);
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var c in folded)
        {
            if (char.IsLetterOrDigit(c))
            {
                current.Append(c);
            }
            else if (c is '\'' or '\u2019' or '\u2018' or '`' or '\u02BC' or '.')
            {
                // Part of the word it stands in ("O'Brien", "St.John"): dropped, not a break.
            }
            else if (c == '&')
            {
                Flush();
                words.Add("&");
            }
            else
            {
                Flush();
            }
        }

        Flush();
        var meaningful = words.Select(word => Synonyms.GetValueOrDefault(word, word)).ToList();
        var withoutTitles = meaningful.Where(word => !Honorifics.Contains(word)).ToList();
        return withoutTitles.Count > 0 ? withoutTitles : meaningful;

        void Flush()
        {
            if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }
    }

    /// <summary>Lower case without diacritics: Unicode decomposition where the runtime has it, and a table for letters it does not split.</summary>
    private static string Fold(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            var lower = char.ToLowerInvariant(c);
            builder.Append(LatinFold.TryGetValue(lower, out var plain) ? plain : lower.ToString());
        }

        return builder.ToString();
    }

    // Letters decomposition leaves whole, and the precomposed Latin letters (for a runtime without ICU).
    private static readonly Dictionary<char, string> LatinFold = BuildLatinFold();

    private static Dictionary<char, string> BuildLatinFold()
    {
        var fold = new Dictionary<char, string>
        {
            ['ß'] = "ss", ['æ'] = "ae", ['œ'] = "oe", ['ø'] = "o", ['đ'] = "d", ['ð'] = "d", ['ł'] = "l", ['þ'] = "th", ['ı'] = "i", ['ħ'] = "h",
        };
        (string Letters, string Plain)[] groups =
        [
            ("àáâãäåāăą", "a"), ("çćĉċč", "c"), ("ďđ", "d"), ("èéêëēĕėęě", "e"), ("ĝğġģ", "g"), ("ĥ", "h"),
            ("ìíîïĩīĭįı", "i"), ("ĵ", "j"), ("ķ", "k"), ("ĺļľŀ", "l"), ("ñńņňŉ", "n"), ("òóôõöōŏő", "o"),
            ("ŕŗř", "r"), ("śŝşšș", "s"), ("ţťŧț", "t"), ("ùúûüũūŭůűų", "u"), ("ŵ", "w"), ("ýÿŷ", "y"), ("źżž", "z"),
        ];
        foreach (var (letters, plain) in groups)
        {
            foreach (var letter in letters)
            {
                fold.TryAdd(letter, plain);
            }
        }

        return fold;
    }

    private static bool Conflict(string? one, string? other) => one is not null && other is not null && one != other;

    private static string? NormaliseEmail(string? email)
        => string.IsNullOrWhiteSpace(email) ? null : email.Trim().ToLowerInvariant();

    /// <summary>The calendar date of a Nexudus date-time ("1980-01-31T00:00:00", with or without a zone suffix).</summary>
    private static string? DateOf(string? value) => value is { Length: >= 10 } ? value[..10] : null;

    private sealed record Facts(int ContractId, ContractContactType Type, string? Name, string? Email, string? DateOfBirth)
    {
        public static Facts Of(ContractContact contact)
            => new(contact.CoworkerContractId, contact.ContractContactType, contact.FullName, contact.Email, contact.DateOfBirth);

        public static Facts Of(ContractContactPayload payload)
            => new(payload.CoworkerContractId, payload.ContractContactType, payload.FullName, payload.Email, payload.DateOfBirth);
    }
}
