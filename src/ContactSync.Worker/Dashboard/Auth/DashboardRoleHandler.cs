using Microsoft.AspNetCore.Authorization;

namespace ContactSync.Worker.Dashboard.Auth;

/// <summary>
/// Viewers pass the <c>Viewers</c> policy, operators both. The role comes from whichever sign-in the request made;
/// nobody is let in for being anonymous, loopback or not (the development switch signs loopback requests in as an
/// operator named <see cref="DashboardUser.LoopbackName"/> instead).
/// </summary>
internal sealed class DashboardRoleHandler : AuthorizationHandler<DashboardRoleRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, DashboardRoleRequirement requirement)
    {
        var allowed = requirement.Least == DashboardRole.Operator ? context.User.IsOperator() : context.User.IsViewer();
        if (allowed)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
