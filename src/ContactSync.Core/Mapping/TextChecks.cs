namespace ContactSync.Core.Mapping;

// Character-level checks shared by the text fields.
internal static class TextChecks
{
    // Whether a spreadsheet would treat the value as a formula (CSV injection). Such values are rejected
    // rather than escaped: these are compliance records, and quietly prefixing a name with a quote would
    // store something the source never said, while a rejection asks a person to look.
    public static bool StartsWithFormulaCharacter(string value)
        => value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    public static bool HasControlCharacter(string value)
    {
        foreach (var c in value)
        {
            if (char.IsControl(c) && c is not ('\t' or '\r' or '\n'))
            {
                return true;
            }
        }

        return false;
    }

    // Digits, spaces and ()-./, with at least one digit, starting with a digit, ( or a
    // single leading +. Tighter than the character set alone so that a value such as
    // -1+1, which a spreadsheet would evaluate, does not pass as a phone number.
    public static bool IsPhoneNumber(string value)
    {
        if (value.Length == 0 || !(char.IsAsciiDigit(value[0]) || value[0] is '+' or '('))
        {
            return false;
        }

        var hasDigit = false;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsAsciiDigit(c))
            {
                hasDigit = true;
            }
            else if (!(c is ' ' or '(' or ')' or '-' or '.' or '/' || (c == '+' && i == 0)))
            {
                return false;
            }
        }

        return hasDigit;
    }
}
