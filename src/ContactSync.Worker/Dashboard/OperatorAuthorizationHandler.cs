using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace ContactSync.Worker.Dashboard;

/// <summary>
/// An operator is a caller who passed Basic authentication. With no dashboard credentials configured nobody gets in,
/// unless <c>Dashboard:AllowAnonymousLoopback</c> lets requests from the pod itself in (a local run, kubectl
/// port-forward); anything that came through a Service or an ingress is remote and refused even then.
/// </summary>
internal sealed class OperatorAuthorizationHandler(IOptions<DashboardCredentials> credentials) : AuthorizationHandler<OperatorRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OperatorRequirement requirement)
    {
        if (credentials.Value.IsConfigured)
        {
            if (context.User.Identity is { IsAuthenticated: true, AuthenticationType: BasicAuthenticationHandler.SchemeName })
            {
                context.Succeed(requirement);
            }
        }
        else if (credentials.Value.AllowAnonymousLoopback
            && context.Resource is HttpContext http
            && http.Connection.RemoteIpAddress is { } remote
            && IPAddress.IsLoopback(remote))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
