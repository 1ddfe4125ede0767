using Microsoft.Extensions.Options;

namespace ContactSync.Sandbox.Auth;

/// <summary>POST /api/token: the OAuth password and refresh_token grants, form-encoded only.</summary>
internal static class TokenEndpoint
{
    private const string FormContentType = "application/x-www-form-urlencoded";

    public static IEndpointRouteBuilder MapToken(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/token", IssueAsync);
        return app;
    }

    private static async Task<IResult> IssueAsync(
        HttpRequest request, TokenStore tokens, Credentials credentials, IOptions<AuthOptions> options, CancellationToken cancellationToken)
    {
        // Nexudus reads the grant from a form body only; anything else looks like no grant at all.
        if (request.ContentType?.StartsWith(FormContentType, StringComparison.OrdinalIgnoreCase) != true)
        {
            return Error("unsupported_grant_type");
        }

        // Tokens must never be cached by anything between the client and us.
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        var form = await request.ReadFormAsync(cancellationToken);
        var clientId = FirstNonEmpty(request.Headers["client_id"].ToString(), form["client_id"].ToString());
        return form["grant_type"].ToString() switch
        {
            "password" => SignIn(form, clientId, tokens, credentials, options.Value),
            "refresh_token" => Refresh(form, clientId, tokens),
            _ => Error("unsupported_grant_type"),
        };
    }

    private static IResult SignIn(IFormCollection form, string? clientId, TokenStore tokens, Credentials credentials, AuthOptions settings)
    {
        if (!credentials.Accept(form["username"].ToString(), form["password"].ToString()))
        {
            return Error("invalid_grant", "The user name or password is incorrect.");
        }

        return Results.Json(tokens.Issue(settings.Username, clientId ?? settings.Username));
    }

    private static IResult Refresh(IFormCollection form, string? clientId, TokenStore tokens)
    {
        if (clientId is null)
        {
            return Error("invalid_clientId", "client_id is not set.");
        }

        var issued = tokens.Refresh(form["refresh_token"].ToString(), clientId);
        return issued is null
            ? Error("invalid_grant", "The refresh token is invalid, expired or was issued to another client_id.")
            : Results.Json(issued);
    }

    private static IResult Error(string error, string? description = null) =>
        Results.Json(new OAuthError(error, description), statusCode: StatusCodes.Status400BadRequest);

    private static string? FirstNonEmpty(params string[] values) => values.FirstOrDefault(value => !string.IsNullOrWhiteSpace(value));
}
