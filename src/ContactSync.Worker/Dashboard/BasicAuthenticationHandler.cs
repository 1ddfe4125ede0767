using System.Text;
using System.Text.Encodings.Web;
using ContactSync.Worker.Dashboard.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace ContactSync.Worker.Dashboard;

/// <summary>
/// Stateless HTTP Basic for the dashboards and the JSON API: every request carries its credentials, so any replica can
/// answer any call without shared sessions. Meant to sit behind TLS terminated at the ingress.
/// </summary>
internal sealed class BasicAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IOptions<DashboardCredentials> credentials,
    BasicUsers users,
    LoginThrottle throttle)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "Basic";

    private const string ThrottledKey = "ContactSync.LoginThrottled";

    private readonly ILogger _log = loggerFactory.CreateLogger<BasicAuthenticationHandler>();

    private const string Challenge = "Basic realm=\"ContactSync\", charset=\"UTF-8\"";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var settings = credentials.Value;
        string? header = Request.Headers.Authorization;
        if (!users.Any || header is null || !header.StartsWith(SchemeName + " ", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var client = Context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (throttle.RetryAfter(client) is { } wait)
        {
            return Throttled(wait);
        }

        var decoded = TryDecode(header[(SchemeName.Length + 1)..].Trim(), out var username, out var password);

        // A pair that already verified costs no evaluation, so a script's concurrent calls take no guess slots.
        var user = decoded ? users.Remembers(username, password) : null;
        if (user is null)
        {
            // Counted before it is evaluated: concurrent guesses cannot all be evaluated before the first failure lands.
            if (throttle.TryBegin(client) is { } busy)
            {
                return Throttled(busy);
            }

            var failed = true;
            try
            {
                user = decoded ? users.Verify(username, password) : null;
                failed = user is null;
            }
            finally
            {
                if (failed)
                {
                    LogFailure(client, throttle.Failed(client), settings.FailedLoginsPerMinute);
                }
                else
                {
                    throttle.Succeeded(client);
                }
            }
        }

        if (user is not { } known)
        {
            return Task.FromResult(AuthenticateResult.Fail("Invalid dashboard credentials."));
        }

        var principal = DashboardUser.Create(known.Name, known.Role, SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    private Task<AuthenticateResult> Throttled(TimeSpan wait)
    {
        Context.Items[ThrottledKey] = wait;
        return Task.FromResult(AuthenticateResult.Fail("Too many failed logins."));
    }

    // The client's address is logged, never what it typed (a password typed as the user name, say).
    private void LogFailure(string client, int failures, int limit)
    {
        if (failures < limit)
        {
            DashboardLogMessages.LoginFailed(_log, client);
        }
        else if (failures == limit)
        {
            DashboardLogMessages.LoginThrottled(_log, client, failures);
        }
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items[ThrottledKey] is TimeSpan wait)
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers[HeaderNames.RetryAfter] = ((int)Math.Ceiling(Math.Max(1, wait.TotalSeconds))).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Task.CompletedTask;
        }

        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers[HeaderNames.WWWAuthenticate] = Challenge;
        return Task.CompletedTask;
    }

    private static bool TryDecode(string encoded, out string username, out string password)
    {
        username = password = "";
        var buffer = new byte[encoded.Length];
        if (!Convert.TryFromBase64String(encoded, buffer, out var length))
        {
            return false;
        }

        var decoded = Encoding.UTF8.GetString(buffer, 0, length);
        var separator = decoded.IndexOf(':', StringComparison.Ordinal);
        if (separator < 0)
        {
            return false;
        }

        username = decoded[..separator];
        password = decoded[(separator + 1)..];
        return true;
    }
}
