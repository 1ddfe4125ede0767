using Microsoft.AspNetCore.Authorization;

namespace ContactSync.Worker.Dashboard;

/// <summary>Who may use the dashboards: see <see cref="OperatorAuthorizationHandler"/>.</summary>
internal sealed class OperatorRequirement : IAuthorizationRequirement
{
    public const string PolicyName = "Operators";
}
