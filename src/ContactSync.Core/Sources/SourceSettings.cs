using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace ContactSync.Core.Sources;

/// <summary>The checks every source factory's <see cref="IContactSourceFactory.Validate"/> shares.</summary>
internal static class SourceSettings
{
    /// <summary>
    /// Binds the type's settings and, if they bind, lists their problems and their annotations' after them. The binder's
    /// own message is never shown: it would repeat the value, which may be a secret typed into the wrong key.
    /// </summary>
    public static IEnumerable<(string Key, string Problem)> Check<T>(
        IConfigurationSection section, Func<IConfigurationSection, T> bind, Func<T, IEnumerable<(string Key, string Problem)>> problems)
        where T : class
    {
        T options;
        try
        {
            options = bind(section);
        }
        catch (InvalidOperationException)
        {
            return [("", "has a setting that cannot be read as its type (a number, a duration such as 00:05:00, true/false)")];
        }

        return problems(options).Concat(Annotations(options));
    }

    /// <summary>A secret the source cannot work without: set, and not the template's placeholder. Its value is never repeated.</summary>
    public static IEnumerable<(string Key, string Problem)> Secret(string key, string? value, string typeAndWhat)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            yield return (key, $"is required for {typeAndWhat}");
        }
        else if (Configuration.Placeholder.IsIn(value))
        {
            yield return (key, "is still the template's placeholder");
        }
    }

    public static IEnumerable<(string Key, string Problem)> HttpUrl(string key, string? url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            yield return (key, "must be an absolute http(s) URL");
        }
    }

    private static IEnumerable<(string Key, string Problem)> Annotations(object options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new(options), results, validateAllProperties: true);
        foreach (var result in results)
        {
            foreach (var member in result.MemberNames)
            {
                yield return (member, result.ErrorMessage ?? "is not valid");
            }
        }
    }
}
