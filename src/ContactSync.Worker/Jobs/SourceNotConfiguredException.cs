namespace ContactSync.Worker.Jobs;

/// <summary>A job or a request named a source that is not in <c>ContactSync:Sources</c>.</summary>
public sealed class SourceNotConfiguredException : Exception
{
    public SourceNotConfiguredException(string sourceName)
        : base($"Source '{sourceName}' is not configured in ContactSync:Sources.")
    {
        SourceName = sourceName;
    }

    public string SourceName { get; }
}
