using System.Globalization;
using System.Text;
using ContactSync.Core;
using ContactSync.Core.Contacts;

namespace ContactSync.Benchmarks.Sources;

/// <summary>
/// Writes benchmark sources in the product's CSV format. Rows are a pure function of their index, so a later file
/// can repeat earlier rows unchanged (a no-op for the worker) without keeping anything in memory.
/// </summary>
internal static class ContactCsv
{
    private static readonly string[] Syllables =
        ["ka", "lo", "mi", "te", "va", "ro", "su", "ne", "di", "pa", "re", "to", "li", "ma", "no", "sa", "be", "ru", "fi", "ga"];

    private static readonly string[] Countries = ["GB", "IE", "FR", "DE", "NL", "ES", "IT", "US"];
    private static readonly string[] Types = ["Director", "NominatedRecipient", "Director", "CompanyAlias"];

    /// <summary>Writes <paramref name="rows"/> rows; <paramref name="row"/> gives each row's fields by index.</summary>
    public static void Write(string path, int rows, Func<int, string> row)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 1 << 16);
        writer.Write(string.Join(',', SourceColumns.All));
        writer.Write('\n');
        var columns = SourceColumns.All.Count;
        for (var i = 0; i < rows; i++)
        {
            // Rows give the fields they use; the columns after them (company_ref, say) are empty, as a file would have them.
            var line = row(i);
            writer.Write(line);
            writer.Write(new string(',', Math.Max(0, columns - 1 - line.Count(c => c == ','))));
            writer.Write('\n');
        }
    }

    /// <summary>A valid contact: created the first time, unchanged every time after.</summary>
    public static string Valid(int index, int contracts)
    {
        var contract = 1001 + (index % contracts);
        var type = Types[index % Types.Length];
        var invariant = CultureInfo.InvariantCulture;
        if (type == "CompanyAlias")
        {
            return string.Create(invariant, $"c-{index:D7},{contract},{type},{Word(index, 3)} Holdings,,,,,,,,,Trading name");
        }

        var first = Word(index, 2);
        var last = Word(index / 7 + 11, 3);
        var email = $"{first}.{last}{index}@example.com".ToLowerInvariant();
        var dateOfBirth = type == "Director" ? string.Create(invariant, $"{1950 + index % 50}-{1 + index % 12:D2}-{1 + index % 28:D2}") : "";
        var country = Countries[index % Countries.Length];
        return string.Create(invariant,
            $"c-{index:D7},{contract},{type},{first} {last},{email},{dateOfBirth},{1 + index % 200} High Street,AB{index % 90 + 10} 1CD,Springfield,,{country},+44 20 7946 {index % 10000:D4},");
    }

    /// <summary>
    /// A row the worker must still read, map, validate and record (rejected, with its reason) but never send:
    /// each has a usable source_id and one problem, in turn.
    /// </summary>
    public static string Invalid(int index, int contracts)
    {
        var contract = 1001 + (index % contracts);
        var name = $"{Word(index, 2)} {Word(index + 5, 3)}";
        return (index % 5) switch
        {
            0 => string.Create(CultureInfo.InvariantCulture, $"x-{index:D7},{contract},Shareholder,{name},,,,,,,,,"),
            1 => string.Create(CultureInfo.InvariantCulture, $"x-{index:D7},{contract},Director,{name},,1985-13-45,,,,,,,"),
            2 => string.Create(CultureInfo.InvariantCulture, $"x-{index:D7},{contract},Director,{name},not-an-email,,,,,,,,"),
            3 => string.Create(CultureInfo.InvariantCulture, $"x-{index:D7},{contract},NominatedRecipient,{name},,,,,,,XX,,"),
            _ => string.Create(CultureInfo.InvariantCulture, $"x-{index:D7},{contract},Director,,,,,,,,,,"),
        };
    }

    /// <summary>
    /// A row without a usable source_id, so it can only be recorded as a rejection of its line: alternately one
    /// with an empty source_id and one the CSV reader cannot read (an unclosed quote).
    /// </summary>
    public static string Unkeyed(int index, int contracts)
    {
        var contract = 1001 + (index % contracts);
        return index % 2 == 0
            ? string.Create(CultureInfo.InvariantCulture, $",{contract},Director,{Word(index, 2)} {Word(index + 5, 3)},,,,,,,,,")
            : string.Create(CultureInfo.InvariantCulture, $"u-{index:D7},{contract},Director,\"{Word(index, 2)},,,,,,,,,");
    }

    /// <summary>A pronounceable, capitalised word that differs for every value of <paramref name="seed"/>.</summary>
    private static string Word(int seed, int minSyllables)
    {
        var text = new StringBuilder();
        var n = seed;
        do
        {
            text.Append(Syllables[n % Syllables.Length]);
            n /= Syllables.Length;
        }
        while (n > 0 || text.Length < minSyllables * 2);

        text[0] = char.ToUpperInvariant(text[0]);
        return text.ToString();
    }
}
