namespace ContactSync.Core.Sources.Csv;

/// <summary>
/// The file behind a CSV source, opened only if it is a regular file, and checked again once it has been read: a
/// file that changed meanwhile, or that was modified a moment ago and does not end with a line break, is still being
/// written, and reading it as if complete would sync half a row.
/// </summary>
internal sealed class CsvSourceFile : IAsyncDisposable
{
    private readonly string _path;
    private readonly string _described;
    private readonly FileFacts _opened;

    private CsvSourceFile(string path, string described, FileStream stream, FileFacts opened)
    {
        _path = path;
        _described = described;
        Stream = stream;
        _opened = opened;
    }

    public FileStream Stream { get; }

    /// <summary>
    /// Opens the file. A FIFO would block the open until some writer appears, and a device never ends: neither is
    /// opened. .NET does not tell a file's type, but both report a size of 0 (as do sockets and /proc files), and so
    /// does an empty file, which has nothing to read either.
    /// </summary>
    public static CsvSourceFile Open(string path, string described)
    {
        if (Directory.Exists(path))
        {
            throw new SourceUnavailableException($"{described} is a directory, not a file");
        }

        var before = FileFacts.Of(path, described);
        if (before.Length == 0)
        {
            throw new SourceUnavailableException($"{described} is empty, or is not a regular file (a pipe, a device or a socket)");
        }

        var stream = CsvFile.Open(path, described);
        try
        {
            if (!stream.CanSeek || stream.Length == 0)
            {
                throw new SourceUnavailableException($"{described} is not a regular file");
            }

            return new CsvSourceFile(path, described, stream, before with { Length = stream.Length });
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>
    /// After the last row: the file must be the one that was opened, as it was then. Otherwise the read is incomplete:
    /// nothing from it may be pushed or removed, and the next run reads it again.
    /// </summary>
    public async Task EnsureReadWholeAsync(TimeProvider time, TimeSpan settleTime, CancellationToken cancellationToken)
    {
        var now = ThrowIfChanged();
        if (time.GetUtcNow() - now.LastWrite < settleTime && !await EndsWithLineBreakAsync(cancellationToken))
        {
            throw new SourceUnavailableException(
                $"{_described} was modified moments ago and its last line has no line break: it is probably still being written; the next run reads it again");
        }
    }

    /// <summary>
    /// Also checked as the rows go by, so a file replaced early in a long read stops it before much of the new file
    /// reaches the ledger (nothing from an incomplete read is pushed either way).
    /// </summary>
    public void ThrowIfChangedSinceOpened() => ThrowIfChanged();

    public ValueTask DisposeAsync() => Stream.DisposeAsync();

    private FileFacts ThrowIfChanged()
    {
        var now = FileFacts.Of(_path, _described);
        if (now != _opened || Stream.Length != _opened.Length)
        {
            throw new SourceUnavailableException(
                $"{_described} changed while it was being read (its size, modification time or identity): the read is incomplete; the next run reads it again");
        }

        return now;
    }

    private async Task<bool> EndsWithLineBreakAsync(CancellationToken cancellationToken)
    {
        var last = new byte[1];
        var read = await RandomAccess.ReadAsync(Stream.SafeFileHandle, last, Stream.Length - 1, cancellationToken);
        return read == 1 && last[0] is (byte)'\n' or (byte)'\r';
    }

    /// <summary>What identifies a file's content from outside: its size, when it was written, and when it was made (a file replaced by another under the same name has a new one).</summary>
    private sealed record FileFacts(long Length, DateTimeOffset LastWrite, DateTimeOffset Created)
    {
        public static FileFacts Of(string path, string described)
        {
            try
            {
                // A link is followed to what it names: the link's own size says nothing.
                var info = new FileInfo(path);
                var target = info.LinkTarget is null ? info : info.ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? info;
                if (!target.Exists)
                {
                    throw new SourceUnavailableException($"{described} does not exist");
                }

                return new FileFacts(target.Length, target.LastWriteTimeUtc, target.CreationTimeUtc);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new SourceUnavailableException($"{described} cannot be examined", e);
            }
        }
    }
}
