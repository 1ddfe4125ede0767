using System.Runtime.CompilerServices;
using CsvHelper;

namespace ContactSync.Core.Sources.Csv;

/// <summary>
/// A UTF-8 CSV file with a header row. Rows are streamed: memory stays flat however long the file is,
/// and a row that cannot be read becomes a <see cref="MalformedEntry"/> while reading carries on.
/// </summary>
/// <remarks>
/// Quoted fields may hold separators and doubled quotes but not line breaks. Allowing them would let a
/// single unclosed quote swallow every following row; forbidding them confines the damage to one line,
/// which is rejected, and every other row is still read.
/// </remarks>
public sealed class CsvContactSource : IContactSource
{
    // A stat() every this many rows: negligible next to reading them.
    private const int ChangeCheckEvery = 256;

    private readonly string path;
    private readonly CsvContactSourceOptions options;

    public CsvContactSource(string name, string path, CsvContactSourceOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        options ??= CsvContactSourceOptions.Default;
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxFieldLength, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxRowBytes, 256);

        Name = name;
        this.path = path;
        this.options = options;
    }

    public string Name { get; }

    /// <summary>Reads the whole file, whatever the scope: a file is always read complete (the sync keeps what the scope covers).</summary>
    public async IAsyncEnumerable<SourceEntry> ReadAsync(SourceRead read, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var described = $"CSV source '{Name}' (file '{path}')";
        await using var file = CsvSourceFile.Open(path, described);
        var stream = file.Stream;
        await CsvFile.RejectOtherEncodingsAsync(stream, described, cancellationToken);

        // Rows the reader skips for bad quoting arrive through a callback, possibly ahead of the row it
        // returns; they wait here so entries come out in line order.
        var skipped = new Queue<MalformedEntry>();
        long lineBase = 0;
        long byteBase = 0;
        void OnMalformed(CsvMalformedRecord record)
        {
            if (record.Skipped)
            {
                skipped.Enqueue(new MalformedEntry(lineBase + record.LineNumber, CsvMalformedReasons.Describe(record.Reason)));
            }
        }

        var reader = CreateReader(stream, hasHeader: true, OnMalformed);
        try
        {
            var header = await ReadHeaderAsync(reader, stream, described, cancellationToken);
            if (skipped.Count > 0)
            {
                throw new SourceUnavailableException($"{described} has a header row that is not well-formed CSV");
            }

            var decoder = new CsvRowDecoder(header, options.MaxFieldLength);
            long rows = 0;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (hasRecord, unreadable) = await TryReadAsync(reader, described, cancellationToken);
                if (unreadable is not null)
                {
                    // The reader cannot go on past a row longer than the limit: report the row, skip its
                    // line without buffering it, and start a fresh reader on the next line.
                    var line = lineBase + unreadable.LineNumber;
                    while (skipped.TryDequeue(out var earlier))
                    {
                        yield return earlier;
                    }

                    yield return new MalformedEntry(line, $"row longer than {options.MaxRowBytes} bytes");
                    await reader.DisposeAsync();
                    stream.Position = byteBase + unreadable.ByteOffset;
                    if (!await CsvFile.SkipLineAsync(stream, described, cancellationToken))
                    {
                        await file.EnsureReadWholeAsync(options.Time, options.SettleTime, cancellationToken);
                        yield return new ReadCompleted();
                        yield break;
                    }

                    byteBase = stream.Position;
                    lineBase = line;
                    reader = CreateReader(stream, hasHeader: false, OnMalformed);
                    continue;
                }

                if (!hasRecord)
                {
                    while (skipped.TryDequeue(out var remaining))
                    {
                        yield return remaining;
                    }

                    await file.EnsureReadWholeAsync(options.Time, options.SettleTime, cancellationToken);
                    yield return new ReadCompleted();
                    yield break;
                }

                var lineNumber = lineBase + reader.LineNumber;
                while (skipped.TryPeek(out var earlier) && earlier.LineNumber < lineNumber)
                {
                    yield return skipped.Dequeue();
                }

                var entry = decoder.Decode(reader, lineNumber);
                if (entry is not null)
                {
                    if (++rows % ChangeCheckEvery == 0)
                    {
                        file.ThrowIfChangedSinceOpened();
                    }

                    yield return entry;
                }
            }
        }
        finally
        {
            await reader.DisposeAsync();
        }
    }

    private static async Task<CsvHeader> ReadHeaderAsync(
        CsvReader reader, Stream stream, string described, CancellationToken cancellationToken)
    {
        try
        {
            await reader.ReadHeaderAsync(cancellationToken);
        }
        catch (CsvFormatException e)
        {
            throw new SourceUnavailableException($"{described} has a header row that cannot be read", e);
        }
        catch (IOException e)
        {
            throw new SourceUnavailableException($"{described} could not be read", e);
        }

        if (reader.Headers.Count == 0)
        {
            throw new SourceUnavailableException(stream.Length == 0
                ? $"{described} is empty"
                : $"{described} has no header row");
        }

        return CsvHeader.Resolve(reader.Headers, described);
    }

    // Advances the reader. A row too long to read is the only row problem the reader throws for; it comes
    // back as the exception, which says where the row starts.
    private static async Task<(bool HasRecord, CsvFormatException? Unreadable)> TryReadAsync(
        CsvReader reader, string described, CancellationToken cancellationToken)
    {
        try
        {
            return (await reader.ReadAsync(cancellationToken), null);
        }
        catch (CsvFormatException e) when (e.LineNumber > 0)
        {
            return (false, e);
        }
        catch (CsvFormatException e)
        {
            throw new SourceUnavailableException($"{described} could not be read as CSV", e);
        }
        catch (IOException e)
        {
            throw new SourceUnavailableException($"{described} could not be read", e);
        }
    }

    private CsvReader CreateReader(Stream stream, bool hasHeader, Action<CsvMalformedRecord> onMalformed)
        => CsvReader.Create(stream, new CsvReaderOptions
        {
            Separator = ',',
            DetectSeparatorHint = false,
            HasHeader = hasHeader,
            Mode = CsvMode.Rfc4180,
            AllowLineBreaksInQuotes = false,
            SkipEmptyLines = true,
            TrimWhitespace = true,
            TrackLineNumbers = true,
            MalformedData = CsvMalformedDataHandling.Skip,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            MaxRecordSize = options.MaxRowBytes,
            IncludeValuesInExceptions = false,
            OnMalformedRecord = onMalformed,
        }, leaveOpen: true);
}
