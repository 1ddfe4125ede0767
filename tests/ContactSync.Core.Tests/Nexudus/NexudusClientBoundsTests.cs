using System.Net;
using System.Text;
using ContactSync.Core.Nexudus;

namespace ContactSync.Core.Tests.Nexudus;

/// <summary>Every wait on Nexudus ends, and no answer is read past its limit, whatever the server sends.</summary>
public sealed class NexudusClientBoundsTests
{
    private const int Limit = 256 * 1024;

    // A hang guard only: each call is bounded by the client's own timeouts, a few hundred milliseconds here.
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);

    private static readonly Dictionary<string, string?> ShortTimeouts = new()
    {
        ["Nexudus:AttemptTimeout"] = "00:00:00.300",
        ["Nexudus:TotalTimeout"] = "00:00:01",
        ["Nexudus:MaxResponseBytes"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    [Fact]
    public async Task Gives_up_on_a_create_whose_answer_trickles_in_and_reports_it_in_doubt()
    {
        await using var nexudus = NexudusHarness.Create(ShortTimeouts);
        var body = new EndlessStream(byteDelay: TimeSpan.FromMilliseconds(50));
        nexudus.Api.Then(_ => WithBody(HttpStatusCode.OK, body, contentLength: 1_000));

        var result = await nexudus.Client.CreateContractContactAsync(Payloads.Director(), CancellationToken.None).WaitAsync(Guard);

        // The create may have been stored before its answer stalled: in doubt, and never sent again blindly.
        Assert.Equal(WriteStatus.Ambiguous, result.Status);
        Assert.Contains("timed out", result.Reason, StringComparison.Ordinal);
        Assert.Single(nexudus.Api.Requests);
        Assert.True(body.BytesRead < 100, $"read {body.BytesRead} bytes of a body trickling at 20 a second");
    }

    [Fact]
    public async Task Gives_up_on_a_list_whose_pages_trickle_in_within_the_total_timeout()
    {
        await using var nexudus = NexudusHarness.Create(ShortTimeouts);
        nexudus.Api.Otherwise = _ => WithBody(HttpStatusCode.OK, new EndlessStream(TimeSpan.FromMilliseconds(50)), contentLength: null);

        var error = await Assert.ThrowsAsync<NexudusUnavailableException>(
            () => nexudus.Client.ListContractContactsAsync(77, CancellationToken.None).WaitAsync(Guard));

        Assert.StartsWith("GET /api/billing/contractcontacts timed out", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stops_reading_an_answer_at_MaxResponseBytes_and_says_which_setting_limits_it()
    {
        await using var nexudus = NexudusHarness.Create(ShortTimeouts);
        var body = new EndlessStream(byteDelay: TimeSpan.Zero);
        nexudus.Api.Then(_ => WithBody(HttpStatusCode.OK, body, contentLength: null));

        var error = await Assert.ThrowsAsync<NexudusUnavailableException>(
            () => nexudus.Client.ListContractContactsAsync(77, CancellationToken.None).WaitAsync(Guard));

        Assert.Contains("answered with a body larger than 262144 bytes (Nexudus:MaxResponseBytes)", error.Message, StringComparison.Ordinal);
        Assert.InRange(body.BytesRead, Limit, Limit + (128 * 1024));
        Assert.Single(nexudus.Api.Requests); // the same request would bring the same answer
    }

    [Fact]
    public async Task Refuses_an_answer_whose_Content_Length_is_over_the_limit_without_reading_it()
    {
        await using var nexudus = NexudusHarness.Create(ShortTimeouts);
        var body = new EndlessStream(byteDelay: TimeSpan.Zero);
        nexudus.Api.Then(_ => WithBody(HttpStatusCode.OK, body, contentLength: Limit + 1));

        var result = await nexudus.Client.CreateContractContactAsync(Payloads.Director(), CancellationToken.None).WaitAsync(Guard);

        Assert.Equal(WriteStatus.Ambiguous, result.Status);
        Assert.Contains("MaxResponseBytes", result.Reason, StringComparison.Ordinal);
        Assert.Equal(0, body.BytesRead);
    }

    [Fact]
    public async Task Reads_an_answer_just_under_the_limit()
    {
        await using var nexudus = NexudusHarness.Create(ShortTimeouts);
        var padding = new string('x', Limit - 200);
        nexudus.Api.Then(HttpStatusCode.OK, $$"""{"Records":[{"Id":5,"CoworkerContractId":77,"FullName":"Person 5","ContractContactType":1,"Notes":"{{padding}}"}],"HasNextPage":false}""");

        var contacts = await nexudus.Client.ListContractContactsAsync(77, CancellationToken.None);

        Assert.Equal(5, Assert.Single(contacts).Id);
    }

    [Fact]
    public async Task A_404_from_the_collection_on_a_create_stops_the_caller_instead_of_failing_one_record()
    {
        await using var nexudus = NexudusHarness.Create();
        nexudus.Api.Then(_ => new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StringContent("Not found") });

        var error = await Assert.ThrowsAsync<NexudusEndpointNotFoundException>(
            () => nexudus.Client.CreateContractContactAsync(Payloads.Director(), CancellationToken.None));

        Assert.Contains("POST /api/billing/contractcontacts answered 404", error.Message, StringComparison.Ordinal);
        Assert.Contains("Nexudus:BaseUrl", error.Message, StringComparison.Ordinal);
        Assert.Single(nexudus.Api.Requests);
    }

    [Fact]
    public async Task A_404_from_the_collection_on_a_list_is_a_configuration_failure()
    {
        await using var nexudus = NexudusHarness.Create();
        nexudus.Api.Then(_ => new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StringContent("<html>404</html>", Encoding.UTF8, "text/html") });

        var error = await Assert.ThrowsAsync<NexudusEndpointNotFoundException>(
            () => nexudus.Client.ListContractContactsAsync(77, CancellationToken.None));

        Assert.StartsWith("GET /api/billing/contractcontacts answered 404", error.Message, StringComparison.Ordinal);
    }

    private static HttpResponseMessage WithBody(HttpStatusCode status, Stream body, long? contentLength)
    {
        var content = new StreamContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        content.Headers.ContentLength = contentLength;
        return new HttpResponseMessage(status) { Content = content };
    }

    /// <summary>A body that never ends: '{' then spaces, one byte per read, each after <c>byteDelay</c>.</summary>
    private sealed class EndlessStream(TimeSpan byteDelay) : Stream
    {
        private long _read;

        public long BytesRead => Interlocked.Read(ref _read);

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (byteDelay > TimeSpan.Zero)
            {
                await Task.Delay(byteDelay, cancellationToken);
                buffer.Span[0] = Interlocked.Read(ref _read) == 0 ? (byte)'{' : (byte)' ';
                Interlocked.Increment(ref _read);
                return 1;
            }

            cancellationToken.ThrowIfCancellationRequested();
            buffer.Span.Fill((byte)' ');
            Interlocked.Add(ref _read, buffer.Length);
            return buffer.Length;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("asynchronous only");
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
