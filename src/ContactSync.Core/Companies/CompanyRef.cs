using System.Text;

namespace ContactSync.Core.Companies;

/// <summary>
/// One spelling of a company reference, so that the value in a Nexudus coworker field, in a contract map and in a
/// source meet: spaces removed, upper-cased, and register numbers left-padded to their 8 characters (two letters and
/// six digits, <c>SC012345</c>, for the register's own prefixes; or eight digits, <c>01234567</c>). Anything else (a CRM
/// id with letters, a longer number) is kept as it is once spaces and case are set aside. A short all-digit id is
/// padded like a register number, so <c>123</c> and <c>0123</c> meet: CRM ids (HubSpot's) have no leading zeros.
/// </summary>
public static class CompanyRef
{
    public const int RegisterNumberLength = 8;

    // The register's own prefixes (Scotland, Northern Ireland, LLPs, limited partnerships, overseas companies, …): only
    // these are padded after their letters, so a CRM id such as ID12 is never merged with ID012.
    private static readonly HashSet<string> RegisterPrefixes = new(StringComparer.Ordinal)
    {
        "SC", "NI", "OC", "SO", "NC", "LP", "SL", "NL", "FC", "SF", "NF", "GE", "GS", "GN", "IP", "SP", "NP", "IC", "SI", "NV",
        "AC", "SA", "NA", "CE", "CS", "RC", "SR", "NR", "RS", "SE", "NO", "ZC", "SZ", "NZ", "OE", "R0",
    };

    public static string Normalise(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return "";
        }

        var builder = new StringBuilder(raw.Length);
        foreach (var c in raw)
        {
            if (!char.IsWhiteSpace(c))
            {
                builder.Append(char.ToUpperInvariant(c));
            }
        }

        var value = builder.ToString();
        if (value.Length <= RegisterNumberLength && value.All(char.IsAsciiDigit))
        {
            return value.PadLeft(RegisterNumberLength, '0');
        }

        if (value.Length is > 2 and <= RegisterNumberLength && RegisterPrefixes.Contains(value[..2]) && value[2..].All(char.IsAsciiDigit))
        {
            return value[..2] + value[2..].PadLeft(RegisterNumberLength - 2, '0');
        }

        return value;
    }
}
