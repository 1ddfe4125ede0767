using System.Net;
using System.Text.Json;
using ContactSync.Core.Nexudus.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContactSync.Core.Nexudus.Http;

/// <summary>
/// One bearer token for the whole process, renewed before it expires: a refresh-token grant first, the password
/// grant if that fails. Concurrent callers wait for the one renewal in progress instead of each signing in.
/// </summary>
internal sealed class NexudusTokenProvider : IDisposable
{
    public const string HttpClientName = "ContactSync.Nexudus.Token";

    internal const string RefusedCredentialsMessage =
        "Nexudus refused the configured credentials (Nexudus:Username / Nexudus:Password)";

    private readonly SemaphoreSlim _renewal = new(1, 1);
    private readonly IHttpClientFactory _httpClientFactory;
    private readonly NexudusOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<NexudusTokenProvider> _logger;
    private NexudusToken? _current;

    public NexudusTokenProvider(
        IHttpClientFactory httpClientFactory, IOptions<NexudusOptions> options, TimeProvider time, ILogger<NexudusTokenProvider> logger)
    {
        _httpClientFactory = httpClientFactory;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    public async ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref _current);
        if (current is not null && current.IsFresh(_time.GetUtcNow()))
        {
            return current.AccessToken;
        }

        await _renewal.WaitAsync(cancellationToken);
        try
        {
            current = Volatile.Read(ref _current);
            if (current is not null && current.IsFresh(_time.GetUtcNow()))
            {
                return current.AccessToken;
            }

            var renewed = await RenewAsync(current, cancellationToken);
            Volatile.Write(ref _current, renewed);
            return renewed.AccessToken;
        }
        finally
        {
            _renewal.Release();
        }
    }

    /// <summary>
    /// Forget <paramref name="rejectedAccessToken"/> after Nexudus answered 401 to it. A token other than the current
    /// one is ignored: another caller has already replaced it.
    /// </summary>
    public void Invalidate(string rejectedAccessToken)
    {
        var current = Volatile.Read(ref _current);
        if (current is not null && current.AccessToken == rejectedAccessToken)
        {
            Interlocked.CompareExchange(ref _current, current.Revoked(), current);
        }
    }

    public void Dispose() => _renewal.Dispose();

    private async Task<NexudusToken> RenewAsync(NexudusToken? current, CancellationToken cancellationToken)
    {
        if (current?.RefreshToken is { } refreshToken)
        {
            try
            {
                var refreshed = await RequestAsync("refresh_token", [new("refresh_token", refreshToken)], cancellationToken);
                if (refreshed is not null)
                {
                    return refreshed with { RefreshToken = refreshed.RefreshToken ?? refreshToken };
                }

                NexudusLogMessages.TokenRefreshRefused(_logger);
            }
            catch (NexudusUnavailableException e)
            {
                NexudusLogMessages.TokenRefreshFailed(_logger, e.Message);
            }
        }

        try
        {
            return await RequestAsync(
                    "password",
                    [new("username", _options.Username), new("password", _options.Password)],
                    cancellationToken)
                ?? throw new NexudusAuthenticationException(RefusedCredentialsMessage);
        }
        catch (NexudusUnavailableException) when (current is not null && current.IsUsable(_time.GetUtcNow()))
        {
            // Renewal is early by design: while the old token has not expired, keep using it and try again next call.
            return current with { RefreshAt = _time.GetUtcNow() };
        }
    }

    /// <returns>The new token, or null when Nexudus refused the grant (400/401).</returns>
    private async Task<NexudusToken?> RequestAsync(
        string grantType, KeyValuePair<string, string>[] fields, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, TokenUri());
        request.Headers.TryAddWithoutValidation("client_id", _options.ClientId);
        request.Content = new FormUrlEncodedContent(
            [new("grant_type", grantType), .. fields, new("client_id", _options.ClientId)]);

        var client = _httpClientFactory.CreateClient(HttpClientName);
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new NexudusUnavailableException("Nexudus token endpoint could not be reached", e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new NexudusUnavailableException("Nexudus token endpoint timed out", e);
        }

        using (response)
        {
            var body = await ReadAsync(response, cancellationToken);
            if (response.IsSuccessStatusCode && !string.IsNullOrEmpty(body?.AccessToken))
            {
                NexudusLogMessages.TokenIssued(_logger, grantType, body.ExpiresIn);
                return NexudusToken.Issued(body.AccessToken, body.RefreshToken, body.ExpiresIn, _time.GetUtcNow());
            }

            if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized)
            {
                // invalid_grant is the documented answer to wrong credentials; any other 400/401 is as final.
                NexudusLogMessages.TokenGrantRefused(_logger, grantType, (int)response.StatusCode, body?.Error ?? "none");
                return null;
            }

            throw new NexudusUnavailableException(
                $"Nexudus token endpoint answered {(int)response.StatusCode} to a {grantType} grant");
        }
    }

    private static async Task<NexudusTokenResponse?> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await JsonSerializer.DeserializeAsync<NexudusTokenResponse>(
                await response.Content.ReadAsStreamAsync(cancellationToken), NexudusJson.Options, cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private Uri TokenUri() => new(NexudusUris.Base(_options), "api/token");
}
