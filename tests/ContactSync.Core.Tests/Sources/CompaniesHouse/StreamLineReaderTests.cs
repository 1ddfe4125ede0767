using System.Text;
using ContactSync.Core.Sources.CompaniesHouse;

namespace ContactSync.Core.Tests.Sources.CompaniesHouse;

public sealed class StreamLineReaderTests
{
    [Fact]
    public async Task Reads_lines_keep_alives_and_a_last_line_without_a_break()
    {
        using var reader = new StreamLineReader(new MemoryStream(Encoding.UTF8.GetBytes("{\"a\":1}\r\n\n{\"b\":\"é\"}\nlast")), 64);

        Assert.Equal("{\"a\":1}", await reader.ReadLineAsync(CancellationToken.None));
        Assert.Equal("", await reader.ReadLineAsync(CancellationToken.None));
        Assert.Equal("{\"b\":\"é\"}", await reader.ReadLineAsync(CancellationToken.None));
        Assert.Equal("last", await reader.ReadLineAsync(CancellationToken.None));
        Assert.Null(await reader.ReadLineAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Gives_up_on_a_line_longer_than_the_limit_once_it_has_read_just_past_the_limit()
    {
        var body = new EndlessLine();
        using var reader = new StreamLineReader(body, 1024 * 1024);

        await Assert.ThrowsAsync<StreamLineTooLongException>(async () => await reader.ReadLineAsync(CancellationToken.None));

        Assert.InRange(body.BytesRead, 1024 * 1024, (1024 * 1024) + (64 * 1024));
    }

    /// <summary>One line without end.</summary>
    private sealed class EndlessLine : Stream
    {
        public long BytesRead { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Array.Fill(buffer, (byte)'x', offset, count);
            BytesRead += count;
            return count;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
