using System.Text;

namespace ContactSync.Core.Contracts;

/// <summary>
/// One spelling of a company reference, so that the value in a Nexudus coworker field, in a contract map and in a
/// source meet: spaces removed, upper-cased, and register numbers left-padded to their 8 characters (two letters and
/// six digits, <c>SC012345</c>; or eight digits, <c>01234567</c>). Anything else (a CRM id with letters, a longer
/// number) is kept as it is once spaces and case are set aside.
/// </summary>
public static class CompanyRef
{
    public const int RegisterNumberLength = 8;

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

        if (value.Length is > 2 and <= RegisterNumberLength && char.IsAsciiLetterUpper(value[0]) && char.IsAsciiLetterUpper(value[1])
            && value.AsSpan(2).ToString().All(char.IsAsciiDigit))
        {
            return value[..2] + value[2..].PadLeft(RegisterNumberLength - 2, '0');
        }

        return value;
    }
}
