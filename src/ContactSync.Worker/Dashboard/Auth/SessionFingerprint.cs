using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace ContactSync.Worker.Dashboard.Auth;

/// <summary>
/// A hash of what a session's login was configured with when it signed in: its name and role, the provider and the
/// role mapping that gave it that role, or the Basic login's password hash. A session is good only while the running
/// configuration gives the same fingerprint, so a changed role mapping or password ends the sessions it made.
/// </summary>
internal sealed class SessionFingerprint(IOptions<DashboardCredentials> credentials)
{
    public byte[] Of(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var settings = credentials.Value;
        var name = principal.Identity?.Name ?? "";
        var parts = new List<string?>
        {
            principal.Identity?.AuthenticationType,
            name,
            principal.FindFirst(DashboardUser.RoleClaimType)?.Value,
        };
        if (principal.Identity?.AuthenticationType == OidcPrincipal.AuthenticationType)
        {
            var oidc = settings.Oidc;
            parts.AddRange([oidc.Authority, oidc.ClientId, oidc.RoleClaim, oidc.OperatorRoles, oidc.ViewerRoles]);
        }
        else
        {
            // A Basic login's hash is salted, so it can stand in the fingerprint; a clear-text password never does.
            var hash = name == settings.Username ? settings.PasswordHash
                : settings.Users.FirstOrDefault(user => user.Name == name) is { } user ? user.PasswordHash + "|" + user.Role
                : null;
            parts.Add(hash);
        }

        // Each part prefixed with its length, so no two different lists of parts read the same.
        var text = new StringBuilder();
        foreach (var part in parts)
        {
            text.Append((part ?? "").Length).Append(':').Append(part).Append('|');
        }

        return SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
    }
}
