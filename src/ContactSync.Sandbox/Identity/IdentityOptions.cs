namespace ContactSync.Sandbox.Identity;

/// <summary>
/// <c>Sandbox:Identity</c>: the OpenID Connect provider for the dashboards' sign-in, on when a client id is given. One
/// client, registered from these settings; the accounts are <see cref="SandboxAccounts"/>.
/// </summary>
internal sealed class IdentityOptions
{
    public const string SectionName = "Sandbox:Identity";

    public string? ClientId { get; set; }

    /// <summary>Optional: without one the client is public and relies on PKCE.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Space- or comma-separated redirect URIs the client may use, e.g. http://127.0.0.1:5080/contactsync/signin-oidc.</summary>
    public string RedirectUris { get; set; } = "";

    public bool Enabled => !string.IsNullOrWhiteSpace(ClientId);

    public IReadOnlySet<string> RedirectUriSet
        => RedirectUris.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
}
