using Microsoft.AspNetCore.Authentication.Cookies;

namespace ContactSync.Worker.Dashboard.Auth;

/// <summary>
/// The sign-in cookie is named <c>__Host-…</c> whenever the request is https (directly or, with forwarded headers on,
/// behind an ingress that terminated TLS), which browsers accept only Secure, for this host alone, on path /. Over
/// plain http (a local run) the prefix would make browsers drop the cookie, so it goes without.
/// </summary>
internal sealed class HostPrefixCookieManager : ICookieManager
{
    private const string Prefix = "__Host-";

    private readonly ChunkingCookieManager _inner = new();

    public string? GetRequestCookie(HttpContext context, string key) => _inner.GetRequestCookie(context, Named(context, key));

    public void AppendResponseCookie(HttpContext context, string key, string? value, CookieOptions options)
        => _inner.AppendResponseCookie(context, Named(context, key), value, Hosted(context, options));

    public void DeleteCookie(HttpContext context, string key, CookieOptions options)
        => _inner.DeleteCookie(context, Named(context, key), Hosted(context, options));

    private static CookieOptions Hosted(HttpContext context, CookieOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (context.Request.IsHttps)
        {
            options.Secure = true;
            options.Path = "/";
            options.Domain = null;
        }

        return options;
    }

    private static string Named(HttpContext context, string key) => context.Request.IsHttps ? Prefix + key : key;
}
