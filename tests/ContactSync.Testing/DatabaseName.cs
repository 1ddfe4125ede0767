using System.Text;

namespace ContactSync.Testing;

internal static class DatabaseName
{
    private const int MaxPrefixLength = 30;

    /// <summary>A safe identifier: the lower-cased prefix reduced to [a-z0-9_], then a random suffix.</summary>
    public static string Unique(string? prefix)
    {
        var safe = new StringBuilder();
        foreach (var c in (prefix ?? "test").ToLowerInvariant())
        {
            if (safe.Length < MaxPrefixLength)
            {
                safe.Append(char.IsAsciiLetterOrDigit(c) ? c : '_');
            }
        }

        var stem = safe.Length == 0 ? "test" : safe.ToString();
        return $"{stem}_{Guid.NewGuid().ToString("N")[..12]}";
    }
}
