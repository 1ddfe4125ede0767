using System.Buffers;
using Microsoft.Extensions.Options;

namespace ContactSync.Core.Nexudus.Http;

/// <summary>
/// Reads every response body to its end inside the attempt, and no further than
/// <see cref="NexudusOptions.MaxResponseBytes"/>. Refit reads a body only after the resilience pipeline has returned,
/// where none of its timeouts apply: a body that trickled in held a run until SIGTERM, and one of 200 MB was read
/// whole. Buffered here, a slow body meets the attempt timeout and a huge one a clear failure at the limit.
/// </summary>
internal sealed class NexudusResponseLimitHandler(IOptions<NexudusOptions> options) : DelegatingHandler
{
    private const int ChunkSize = 64 * 1024;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        try
        {
            response.Content = await BufferAsync(response.Content, options.Value.MaxResponseBytes, cancellationToken);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private static async Task<HttpContent> BufferAsync(HttpContent original, int limit, CancellationToken cancellationToken)
    {
        if (original.Headers.ContentLength > limit)
        {
            throw new NexudusResponseTooLargeException(limit);
        }

        using var buffer = new MemoryStream((int)Math.Min(original.Headers.ContentLength ?? 0, limit));
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            await using var body = await original.ReadAsStreamAsync(cancellationToken);
            int read;
            while ((read = await body.ReadAsync(chunk.AsMemory(0, ChunkSize), cancellationToken)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    throw new NexudusResponseTooLargeException(limit);
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        var buffered = new ByteArrayContent(buffer.GetBuffer(), 0, (int)buffer.Length);
        foreach (var header in original.Headers.NonValidated)
        {
            if (!string.Equals(header.Key, "Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                buffered.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        original.Dispose();
        return buffered;
    }
}
