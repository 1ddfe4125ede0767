using System.Text.RegularExpressions;

namespace ContactSync.Core.Configuration;

/// <summary>
/// The marker the shipped example secret uses for every value an operator must supply, and the obvious variants of it
/// (<c>change-me</c>, <c>CHANGEME</c>, <c>replace_me</c>). A worker started with one refuses to, naming the key,
/// instead of trying the example's password against a real service.
/// </summary>
public static partial class Placeholder
{
    public const string Marker = "CHANGE-ME";

    public const string Problem = "is still the example's placeholder (" + Marker + "): set the real value";

    public static bool IsIn(string? value) => value is not null && Pattern().IsMatch(value);

    // Not inside a longer word: "exchangemetrics" is a value, "CHANGE-ME-TOO" and "<change_me>" are not.
    [GeneratedRegex(@"(?<![a-z])(change|replace)[-_ ]?me(?![a-z])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
