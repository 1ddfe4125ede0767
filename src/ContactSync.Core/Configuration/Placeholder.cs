namespace ContactSync.Core.Configuration;

/// <summary>
/// The marker the shipped example secret uses for every value an operator must supply. A worker started with one
/// refuses to, naming the key, instead of trying the example's password against a real service.
/// </summary>
public static class Placeholder
{
    public const string Marker = "CHANGE-ME";

    public const string Problem = "is still the example's placeholder (" + Marker + "): set the real value";

    public static bool IsIn(string? value) => value?.Contains(Marker, StringComparison.OrdinalIgnoreCase) == true;
}
