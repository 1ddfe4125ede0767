namespace ContactSync.Core.Mapping;

// Character-level checks shared by the text fields.
internal static class TextChecks
{
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
}
