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
            Context.Items[ThrottledKey] = wait;
            return Task.FromResult(AuthenticateResult.Fail("Too many failed logins."));
        }

        var user = TryDecode(header[(SchemeName.Length + 1)..].Trim(), out var username, out var password)
            ? users.Verify(username, password)
            : null;
        if (user is not { } known)
        {
            // The client's address is logged, never what it typed (a password typed as the user name, say).
            var failures = throttle.Failed(client);
            if (failures < settings.FailedLoginsPerMinute)
            {
                Log.LoginFailed(_log, client);
            }
            else if (failures == settings.FailedLoginsPerMinute)
            {
                Log.LoginThrottled(_log, client, failures);
            }

            return Task.FromResult(AuthenticateResult.Fail("Invalid dashboard credentials."));
        }

        var principal = DashboardUser.Create(known.Name, known.Role, SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
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
