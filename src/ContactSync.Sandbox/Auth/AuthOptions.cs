using System.ComponentModel.DataAnnotations;

namespace ContactSync.Sandbox.Auth;

/// <summary>The one operator account the Sandbox knows, and how long its tokens live.</summary>
internal sealed class AuthOptions
{
    public const string SectionName = "Sandbox:Auth";

    [Required]
    public string Username { get; set; } = "operator@sandbox.local";

    [Required]
    public string Password { get; set; } = "sandbox";

    /// <summary>Nexudus's documented expires_in; tests set it to a few seconds to exercise refresh.</summary>
    [Range(1, int.MaxValue)]
    public int AccessTokenLifetimeSeconds { get; set; } = 604_799;

    /// <summary>15 days, as Nexudus documents for refresh tokens.</summary>
    [Range(1, int.MaxValue)]
    public int RefreshTokenLifetimeSeconds { get; set; } = 1_296_000;
}
