using System.Text;

namespace ContactSync.Core.Mapping;

/// <summary>Names in the one form used to compare a source's contacts with those already in Nexudus.</summary>
public static class NameNormaliser
{
    /// <summary>
    /// Trimmed, every run of whitespace one space, upper case (invariant) and Unicode NFC, so
    /// <c>"  jane\u00A0 DOE"</c> and <c>"Jane Doe"</c> compare equal, as do a precomposed and a
    /// decomposed <c>é</c>.
    /// </summary>
    public static string NormaliseName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);

        // Upper-casing first: NFC afterwards recomposes any pair the case mapping left decomposed.
        return CollapseWhitespace(name.ToUpperInvariant().Normalize(NormalizationForm.FormC));
    }

    /// <summary>
    /// Whether this process can normalise Unicode. With invariant globalization (no ICU),
    /// <see cref="string.Normalize(NormalizationForm)"/> returns its input unchanged, so a decomposed
    /// <c>é</c> stays distinct from a precomposed one.
    /// </summary>
    public static bool CanNormaliseUnicode { get; } = "e\u0301".Normalize(NormalizationForm.FormC).Length == 1;

    /// <summary>Trims and turns every run of whitespace (line breaks and no-break spaces too) into one space.</summary>
    public static string CollapseWhitespace(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
