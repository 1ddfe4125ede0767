using System.Security.Cryptography;
using ContactSync.Sandbox.Admin;
using Microsoft.Extensions.Options;

namespace ContactSync.Sandbox.Auth;

/// <summary>
/// The password the one account signs in with now. <c>POST /_sandbox/auth/revoke</c> changes it to one nobody knows
/// and drops every token, as when an operator rotates or revokes the integration's login while a run is going.
/// </summary>
internal sealed class Credentials(IOptions<AuthOptions> options, TokenStore tokens) : ISandboxState
{
    private volatile string password = options.Value.Password;

    public bool Accept(string username, string offered) =>
        // The user name is an email address, so it is compared case-insensitively; the password is not.
        string.Equals(username, options.Value.Username, StringComparison.OrdinalIgnoreCase)
        && string.Equals(offered, password, StringComparison.Ordinal);

    public void Revoke()
    {
        password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        tokens.Reset();
    }

    public void Reset() => password = options.Value.Password;
}
