using System.Security.Claims;

namespace ContactSync.Worker.Dashboard.Auth;

/// <summary>
/// Turns what a provider said about a user into the dashboard's own, small identity: a name (<c>preferred_username</c>,
/// else <c>name</c>, else <c>sub</c>) and at most one role, mapped from the provider's role claim values. Nothing else
/// the provider sent is kept, so the cookie stays small and no provider claim is mistaken for one of ours.
/// </summary>
internal static class OidcPrincipal
{
    public const string AuthenticationType = "OpenIdConnect";

    public static ClaimsPrincipal From(ClaimsPrincipal provider, OidcSettings settings)
    {
        var subject = provider.FindFirst("sub")?.Value;
        var name = First(provider, "preferred_username") ?? First(provider, "name") ?? subject ?? "unknown";
        var values = provider.FindAll(settings.RoleClaim).SelectMany(claim => Values(claim.Value)).ToHashSet(StringComparer.Ordinal);
        DashboardRole? role = settings.OperatorRoleList.Any(values.Contains) ? DashboardRole.Operator
            : settings.ViewerRoleList.Any(values.Contains) ? DashboardRole.Viewer
            : null;
        return DashboardUser.Create(name, role, AuthenticationType, subject);
    }

    private static string? First(ClaimsPrincipal principal, string type)
        => principal.FindFirst(type)?.Value is { Length: > 0 } value ? value : null;

    // Most providers send one claim per role; some send one claim holding a space-separated list (like "scope").
    private static IEnumerable<string> Values(string value) => value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
