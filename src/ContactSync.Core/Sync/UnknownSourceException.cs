namespace ContactSync.Core.Sync;

/// <summary>A run was asked for a source that is not configured.</summary>
public sealed class UnknownSourceException(string source)
    : Exception($"No source named '{source}' is configured (ContactSync:Sources).")
{
    public string SourceName { get; } = source;
}
