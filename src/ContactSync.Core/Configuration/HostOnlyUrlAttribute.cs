using System.ComponentModel.DataAnnotations;

namespace ContactSync.Core.Configuration;

/// <summary>
/// An API base URL: absolute http(s), the host (and port) only. A path would be joined with every call's own path,
/// so "https://spaces.nexudus.com/api/" sent each call to /api/api/… and the first error said the credentials were
/// wrong; refusing it at start says what is actually wrong.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class HostOnlyUrlAttribute : ValidationAttribute
{
    public HostOnlyUrlAttribute()
        : base("must be the API host only, such as https://spaces.nexudus.com: no path, query or fragment (each call adds its own /api/… path)")
    {
    }

    public static bool IsHostOnly(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && !string.IsNullOrEmpty(uri.Host)
        && uri.AbsolutePath == "/"
        && string.IsNullOrEmpty(uri.Query)
        && string.IsNullOrEmpty(uri.Fragment)
        && string.IsNullOrEmpty(uri.UserInfo);

    // Required says "missing"; this one only judges a value that is there.
    public override bool IsValid(object? value) => value is null or "" || (value is string text && IsHostOnly(text));
}
