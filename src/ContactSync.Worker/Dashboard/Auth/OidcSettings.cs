namespace ContactSync.Worker.Dashboard.Auth;

/// <summary>
/// <c>Dashboard:Oidc</c>: sign-in at an OpenID Connect provider (code flow with PKCE). The provider's role claim
/// decides the dashboard role: a value in <see cref="OperatorRoles"/> makes an operator, one in
/// <see cref="ViewerRoles"/> a viewer, neither gets a 403 page.
/// </summary>
public sealed class OidcSettings
{
    /// <summary>The issuer, e.g. https://login.example.com/realms/contactsync (http only for a loopback host).</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    /// <summary>For a confidential client; a public client relies on PKCE alone.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Space- or comma-separated; <c>openid</c> is always asked for.</summary>
    public string Scopes { get; set; } = "openid profile";

    /// <summary>The claim (in the ID token, or the user-info answer) that carries the user's roles or groups.</summary>
    public string RoleClaim { get; set; } = "role";

    /// <summary>Comma-separated role claim values that make an operator.</summary>
    public string OperatorRoles { get; set; } = "contactsync-operator";

    /// <summary>Comma-separated role claim values that make a viewer.</summary>
    public string ViewerRoles { get; set; } = "contactsync-viewer";

    /// <summary>Where the provider sends the browser back; under /contactsync so the ingress routes it.</summary>
    public string CallbackPath { get; set; } = "/contactsync/signin-oidc";

    /// <summary>Also read the user-info endpoint, for providers that leave the roles out of the ID token.</summary>
    public bool GetClaimsFromUserInfo { get; set; }

    public IReadOnlyList<string> ScopeList => Split(Scopes, ' ', ',');

    public IReadOnlyList<string> OperatorRoleList => Split(OperatorRoles, ',');

    public IReadOnlyList<string> ViewerRoleList => Split(ViewerRoles, ',');

    private static string[] Split(string? value, params char[] separators)
        => (value ?? "").Split(separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
