namespace ContactSync.Core.Sources;

/// <summary>A source's answer is larger than ContactSync reads: not retried (it would be as large again).</summary>
internal sealed class SourceAnswerTooLargeException(string who, long limit) : Exception($"{who}'s answer is larger than {limit} bytes.");

/// <summary>
/// Times one attempt of a call to a source from the moment it leaves (after any budget), and reads its body whole
/// inside that time, never more than the limit (counted as it arrives, whatever Content-Length says). The time is the
/// source's own (<see cref="SourceCall.AttemptTimeout"/>, on the request); the limit is its type's.
/// </summary>
internal sealed class SourceAttemptHandler(string who, long maxBytes) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var timeout = SourceCall.Of<SourceCall>(request).AttemptTimeout;
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(timeout);
        HttpResponseMessage? response = null;
        try
        {
            response = await base.SendAsync(request, attempt.Token);
            if (response.Content.Headers.ContentLength > maxBytes)
            {
                throw new SourceAnswerTooLargeException(who, maxBytes);
            }

            using var buffer = new MemoryStream();
            await using (var body = await response.Content.ReadAsStreamAsync(attempt.Token))
            {
                var chunk = new byte[64 * 1024];
                int read;
                while ((read = await body.ReadAsync(chunk, attempt.Token)) > 0)
                {
                    if (buffer.Length + read > maxBytes)
                    {
                        throw new SourceAnswerTooLargeException(who, maxBytes);
                    }

                    buffer.Write(chunk, 0, read);
                }
            }

            var buffered = new ByteArrayContent(buffer.ToArray());
            foreach (var header in response.Content.Headers)
            {
                buffered.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            response.Content.Dispose();
            response.Content = buffered;
            var answered = response;
            response = null;
            return answered;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{who} did not answer within {timeout.TotalSeconds:0} s.");
        }
        finally
        {
            response?.Dispose();
        }
    }
}
