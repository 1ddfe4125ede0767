using System.Net.Mail;

namespace ContactSync.Core.Mapping;

// Whether a value is a bare email address. MailAddress alone is too forgiving for stored
// data: it accepts display names (Jane <j@x.io>), quoted local parts and dotless domains.
internal static class EmailCheck
{
    public static bool IsEmail(string value)
    {
        if (!MailAddress.TryCreate(value, out var address)
            || address.Address != value
            || address.DisplayName.Length != 0)
        {
            return false;
        }

        var at = value.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != value.LastIndexOf('@'))
        {
            return false;
        }

        var domain = value.AsSpan(at + 1);
        if (domain.IndexOf('.') <= 0 || domain[^1] == '.' || value.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in value)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c) || c is '"' or '(' or ')' or ',' or ':' or ';' or '<' or '>' or '[' or ']' or '\\')
            {
                return false;
            }
        }

        return true;
    }
}
