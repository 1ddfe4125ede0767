namespace ContactSync.Testing;

/// <summary>
/// The environment of a .NET app started by a test or a benchmark. The caller's own settings (environment
/// name, URLs, configuration keys such as <c>ConnectionStrings__X</c>) would otherwise configure the
/// child behind its back; only the variables given reach it.
/// </summary>
public static class ChildEnvironment
{
    public static void Apply(IDictionary<string, string?> target, IReadOnlyDictionary<string, string>? given)
    {
        ArgumentNullException.ThrowIfNull(target);
        foreach (var name in target.Keys.Where(IsInheritedConfiguration).ToList())
        {
            target.Remove(name);
        }

        target["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in given ?? new Dictionary<string, string>())
        {
            target[name] = value;
        }
    }

    private static bool IsInheritedConfiguration(string name) =>
        (name.StartsWith("DOTNET_", StringComparison.OrdinalIgnoreCase) &&
         !name.StartsWith("DOTNET_ROOT", StringComparison.OrdinalIgnoreCase)) ||
        name.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase) ||
        name.Contains("__", StringComparison.Ordinal);
}
