namespace ContactSync.Core.Sources;

/// <summary>
/// A place key contacts come from. Implementations stream: a million-row source is never held in memory.
/// A problem with one row is yielded as a <see cref="MalformedEntry"/>; a problem with the whole source
/// (missing file, missing required column) throws <see cref="SourceUnavailableException"/>.
/// </summary>
public interface IContactSource
{
    string Name { get; }

    IAsyncEnumerable<SourceEntry> ReadAsync(CancellationToken cancellationToken);
}
