using System.Security.Cryptography;
using ContactSync.Sandbox.Admin;
using Microsoft.Extensions.Options;

namespace ContactSync.Sandbox.Auth;

/// <summary>
/// The password the one account signs in with now. <c>POST /_sandbox/auth/revoke</c> drops every token and changes it
/// (to the one given, or one nobody knows), as when an operator rotates or revokes the integration's login while a run
/// is going.
/// </summary>
internal sealed class Credentials(IOptions<AuthOptions> options, TokenStore tokens) : ISandboxState
{
    private volatile string password = options.Value.Password;

    public bool Accept(string username, string offered) =>
        // The user name is an email address, so it is compared case-insensitively; the password is not.
        string.Equals(username, options.Value.Username, StringComparison.OrdinalIgnoreCase)
        && string.Equals(offered, password, StringComparison.Ordinal);

    public void Revoke(string? newPassword)
    {
        password = string.IsNullOrEmpty(newPassword) ? Convert.ToHexString(RandomNumberGenerator.GetBytes(16)) : newPassword;
        tokens.Reset();
    }

    public void Reset() => password = options.Value.Password;
}
