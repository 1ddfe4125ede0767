namespace ContactSync.Worker.Configuration;

/// <summary>Names a configuration key the way an operator sets it: in JSON (colons) and as an environment variable.</summary>
internal static class ConfigurationKey
{
    public static string Join(params string[] parts) => string.Join(':', parts.Where(part => part.Length > 0));

    public static string ToEnvironmentVariable(string key) => key.Replace(":", "__", StringComparison.Ordinal);

    /// <summary>One stderr line per problem, naming the key both ways so it can be fixed wherever it is set.</summary>
    public static string Describe(string key, string problem)
        => $"{key} {problem} (env {ToEnvironmentVariable(key)})";
}
