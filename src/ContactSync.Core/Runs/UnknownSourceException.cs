namespace ContactSync.Core.Runs;

/// <summary>A run was asked for a source that is not configured; the message lists the ones that are.</summary>
public sealed class UnknownSourceException(string source, IEnumerable<string> configured)
    : Exception(Describe(source, configured))
{
    public string SourceName { get; } = source;

    private static string Describe(string source, IEnumerable<string> configured)
    {
        var names = configured.ToList();
        return names.Count == 0
            ? $"No source named '{source}' is configured: ContactSync:Sources is empty."
            : $"No source named '{source}' is configured (ContactSync:Sources has: {string.Join(", ", names)}).";
    }
}
