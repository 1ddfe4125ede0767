using Microsoft.AspNetCore.Authorization;

namespace ContactSync.Worker.Dashboard.Auth;

/// <summary>The least role a dashboard policy asks for: see <see cref="DashboardRoleHandler"/>.</summary>
internal sealed class DashboardRoleRequirement(DashboardRole least) : IAuthorizationRequirement
{
    public DashboardRole Least { get; } = least;
}
