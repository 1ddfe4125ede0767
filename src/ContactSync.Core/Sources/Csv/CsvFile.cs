using System.Buffers;

namespace ContactSync.Core.Sources.Csv;

// The byte-level work around the CSV reader: opening the file, its encoding, skipping a line.
internal static class CsvFile
{
    public static FileStream Open(string path, string described)
    {
        try
        {
            // Unbuffered: the CSV reader keeps its own buffer, and skipping a line seeks.
            return new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.Open,
                Access = FileAccess.Read,
                Share = FileShare.Read,
                BufferSize = 0,
                Options = FileOptions.Asynchronous | FileOptions.SequentialScan,
            });
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new SourceUnavailableException($"{described} does not exist", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new SourceUnavailableException($"{described} cannot be read: access denied", e);
        }
        catch (IOException e)
        {
            throw new SourceUnavailableException($"{described} cannot be opened", e);
        }
    }

    // The CSV reader would quietly transcode a file with a UTF-16 or UTF-32 byte order mark. The contract
    // is UTF-8, and a file in another encoding is a configuration problem an operator should see.
    public static async Task RejectOtherEncodingsAsync(Stream stream, string described, CancellationToken cancellationToken)
    {
        if (!stream.CanSeek)
        {
            throw new SourceUnavailableException($"{described} is not a regular file");
        }

        var start = new byte[4];
        var read = 0;
        int count;
        while (read < start.Length && (count = await ReadAsync(stream, start.AsMemory(read), described, cancellationToken)) > 0)
        {
            read += count;
        }

        ReadOnlySpan<byte> bytes = start.AsSpan(0, read);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])
            || bytes.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]))
        {
            throw new SourceUnavailableException($"{described} is not UTF-8: it starts with a UTF-16 or UTF-32 byte order mark");
        }

        stream.Position = 0;
    }

    // Moves the stream past the next line break (CR, LF or CR LF) in small reads, so a line of any length
    // costs no memory. False when the input ends first.
    public static async Task<bool> SkipLineAsync(Stream stream, string described, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(4096);
        try
        {
            while (true)
            {
                var start = stream.Position;
                var count = await ReadAsync(stream, buffer, described, cancellationToken);
                if (count == 0)
                {
                    return false;
                }

                var index = buffer.AsSpan(0, count).IndexOfAny((byte)'\r', (byte)'\n');
                if (index < 0)
                {
                    continue;
                }

                stream.Position = start + index + 1;
                if (buffer[index] == '\r')
                {
                    // A CR LF pair is one line break; the LF may lie in the next read.
                    var next = await ReadAsync(stream, buffer.AsMemory(0, 1), described, cancellationToken);
                    if (next == 1 && buffer[0] != '\n')
                    {
                        stream.Position -= 1;
                    }
                }

                return true;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task<int> ReadAsync(Stream stream, Memory<byte> buffer, string described, CancellationToken cancellationToken)
    {
        try
        {
            return await stream.ReadAsync(buffer, cancellationToken);
        }
        catch (IOException e)
        {
            throw new SourceUnavailableException($"{described} could not be read", e);
        }
    }
}
