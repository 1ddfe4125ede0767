using System.Text;

namespace ContactSync.Core.Sources.CompaniesHouse;

/// <summary>A line longer than the reader takes; nothing of it is kept.</summary>
internal sealed class StreamLineTooLongException() : Exception("A stream line was longer than the limit.");

/// <summary>
/// Reads UTF-8 lines from a stream holding at most one line of <c>maxBytes</c> at a time: a line that runs past it
/// throws <see cref="StreamLineTooLongException"/> as soon as it does, without waiting for its end (a
/// <see cref="StreamReader"/> would keep gathering an endless line until the process runs out of memory).
/// </summary>
internal sealed class StreamLineReader(Stream body, int maxBytes) : IDisposable
{
    private readonly byte[] _buffer = new byte[16 * 1024];
    private readonly MemoryStream _line = new();
    private int _start;
    private int _end;
    private bool _ended;

    /// <summary>The next line without its line break; null at the end of the stream.</summary>
    public async ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        _line.SetLength(0);
        while (true)
        {
            if (_start == _end)
            {
                if (_ended)
                {
                    return _line.Length > 0 ? Decode() : null;
                }

                _start = 0;
                _end = await body.ReadAsync(_buffer, cancellationToken);
                _ended = _end == 0;
                continue;
            }

            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            var take = (newline < 0 ? _end : newline) - _start;
            if (_line.Length + take > maxBytes)
            {
                throw new StreamLineTooLongException();
            }

            _line.Write(_buffer, _start, take);
            _start += take;
            if (newline >= 0)
            {
                _start++;
                return Decode();
            }
        }
    }

    private string Decode()
    {
        var bytes = _line.GetBuffer().AsSpan(0, (int)_line.Length);
        return Encoding.UTF8.GetString(bytes.EndsWith("\r"u8) ? bytes[..^1] : bytes);
    }

    public void Dispose() => _line.Dispose();
}
