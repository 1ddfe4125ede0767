using System.Globalization;
using System.Net;

namespace ContactSync.Core.Tests.Nexudus;

/// <summary>A scripted <c>/api/token</c> that issues numbered tokens (token-1, token-2, ...) unless told otherwise.</summary>
internal static class TokenEndpoint
{
    public static ScriptedHttpHandler Issuing(long expiresInSeconds = 604_799)
    {
        var issued = 0;
        return new ScriptedHttpHandler
        {
            Otherwise = _ => Token(Interlocked.Increment(ref issued), expiresInSeconds),
        };
    }

    public static HttpResponseMessage Token(int number, long expiresInSeconds = 604_799)
        => ScriptedHttpHandler.Respond(HttpStatusCode.OK, string.Create(
            CultureInfo.InvariantCulture,
            $$"""{"access_token":"token-{{number}}","token_type":"bearer","expires_in":{{expiresInSeconds}},"refresh_token":"refresh-{{number}}"}"""));

    public static HttpResponseMessage InvalidGrant()
        => ScriptedHttpHandler.Respond(
            HttpStatusCode.BadRequest,
            """{"error":"invalid_grant","error_description":"The user name or password is incorrect."}""");
}
