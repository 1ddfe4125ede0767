using System.Security.Cryptography;
using System.Text;

namespace ContactSync.Sandbox.Identity;

/// <summary>
/// The provider's built-in accounts, documented in docs/sandbox.md: a viewer, an operator, and an account with no
/// ContactSync role (for the 403 page). Their role claim values are the worker's defaults.
/// </summary>
internal static class SandboxAccounts
{
    public const string ViewerRole = "contactsync-viewer";
    public const string OperatorRole = "contactsync-operator";

    public static readonly IReadOnlyList<SandboxAccount> All =
    [
        new("viewer", "viewer-password", "Sandbox Viewer", [ViewerRole]),
        new("operator", "operator-password", "Sandbox Operator", [OperatorRole]),
        new("outsider", "outsider-password", "Sandbox Outsider", []),
    ];

    public static SandboxAccount? SignIn(string? username, string? password)
    {
        var account = All.FirstOrDefault(candidate => string.Equals(candidate.Username, username, StringComparison.Ordinal));
        return account is not null
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(password ?? ""), Encoding.UTF8.GetBytes(account.Password))
            ? account
            : null;
    }
}
