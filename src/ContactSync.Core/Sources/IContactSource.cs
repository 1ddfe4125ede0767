namespace ContactSync.Core.Sources;

/// <summary>
/// A place key contacts come from. Implementations stream: a million-row source is never held in memory.
/// A problem with one row is yielded as a <see cref="MalformedEntry"/>, with one company as a
/// <see cref="CompanyUnread"/>; a problem with the whole source (missing file, refused credentials) throws
/// <see cref="SourceUnavailableException"/>. A read that got to its end says so last (<see cref="ReadCompleted"/>).
/// </summary>
public interface IContactSource
{
    string Name { get; }

    /// <param name="read">What to read (everything, or some companies: a source may read more, the sync keeps the scope), and the run's contract resolution.</param>
    IAsyncEnumerable<SourceEntry> ReadAsync(SourceRead read, CancellationToken cancellationToken);
}
