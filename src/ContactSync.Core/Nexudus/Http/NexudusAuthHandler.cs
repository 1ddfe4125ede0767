using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;

namespace ContactSync.Core.Nexudus.Http;

/// <summary>
/// Adds the bearer token. On a 401 it drops the token, gets a fresh one and re-sends once; a second 401 is returned
/// as it is, for the client to report as an authentication failure.
/// </summary>
internal sealed class NexudusAuthHandler(NexudusTokenProvider tokens, ILogger<NexudusAuthHandler> logger)
    : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // Refit's content may be a stream that can be read only once; buffering makes the re-send possible.
        if (request.Content is not null)
        {
            await request.Content.LoadIntoBufferAsync(cancellationToken);
        }

        var token = await TokenBeforeSendingAsync(cancellationToken);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        NexudusLogMessages.UnauthorizedRenewingToken(logger, NexudusUris.Describe(request));
        response.Dispose();
        tokens.Invalidate(token);
        var fresh = await TokenBeforeSendingAsync(cancellationToken);

        // The re-send passes through the budget (the next handler) again, so it is counted as the call it is.
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fresh);
        return await base.SendAsync(request, cancellationToken);
    }

    private async ValueTask<string> TokenBeforeSendingAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await tokens.GetAccessTokenAsync(cancellationToken);
        }
        catch (OperationCanceledException e)
        {
            throw new NexudusRequestNotSentException("The request to Nexudus was abandoned while waiting for a token.", e);
        }
    }
}
