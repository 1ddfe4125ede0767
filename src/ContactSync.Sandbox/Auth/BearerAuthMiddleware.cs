using ContactSync.Sandbox.Api;

namespace ContactSync.Sandbox.Auth;

/// <summary>Every API call except the token endpoint needs a live bearer token; the caller becomes an <see cref="ApiClient"/>.</summary>
internal sealed class BearerAuthMiddleware(RequestDelegate next, TokenStore tokens)
{
    private const string Scheme = "Bearer ";

    public Task InvokeAsync(HttpContext context)
    {
        if (!ApiPaths.IsProtectedApi(context.Request.Path))
        {
            return next(context);
        }

        var header = context.Request.Headers.Authorization.ToString();
        var username = header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)
            ? tokens.Authenticate(header[Scheme.Length..].Trim())
            : null;
        if (username is null)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return context.Response.WriteAsJsonAsync(new { Message = "Authorization has been denied for this request." });
        }

        context.Features.Set(new ApiClient(username));
        return next(context);
    }
}
