using System.Security.Claims;

namespace ContactSync.Worker.Dashboard.Auth;

/// <summary>
/// Who is using the dashboard, the same way for every sign-in (Basic, OpenID Connect, the loopback development switch):
/// <c>User.Identity.Name</c> is a stable user name that is no secret, and the role is one claim of
/// <see cref="RoleClaimType"/>, so <c>User.IsInRole(DashboardUser.OperatorRole)</c> works too.
/// </summary>
public static class DashboardUser
{
    /// <summary>Our own claim type: a provider's role claims are mapped onto it, never passed through.</summary>
    public const string RoleClaimType = "contactsync_role";

    public const string OperatorRole = "operator";

    public const string ViewerRole = "viewer";

    /// <summary>The user name of anonymous loopback requests (<c>Dashboard:AllowAnonymousLoopback</c>).</summary>
    public const string LoopbackName = "loopback";

    /// <summary>True when the user may act: retry, run now, confirm removals, Hangfire's requeue and delete.</summary>
    public static bool IsOperator(this ClaimsPrincipal? user)
        => user?.Identity?.IsAuthenticated == true && user.HasClaim(RoleClaimType, OperatorRole);

    /// <summary>True when the user may read the dashboards (every operator is a viewer).</summary>
    public static bool IsViewer(this ClaimsPrincipal? user)
        => user?.Identity?.IsAuthenticated == true && (user.HasClaim(RoleClaimType, ViewerRole) || user.HasClaim(RoleClaimType, OperatorRole));

    /// <summary>The name to record as "who" (null for a request nobody signed in to).</summary>
    public static string? NameOf(ClaimsPrincipal? user) => user?.Identity?.IsAuthenticated == true ? user.Identity.Name : null;

    internal static ClaimsPrincipal Create(string name, DashboardRole? role, string authenticationType, string? subject = null)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, subject ?? name),
            new(ClaimTypes.Name, name),
        };
        if (role is { } given)
        {
            claims.Add(new Claim(RoleClaimType, given == DashboardRole.Operator ? OperatorRole : ViewerRole));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, ClaimTypes.Name, RoleClaimType));
    }
}
