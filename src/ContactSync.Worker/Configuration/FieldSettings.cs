using ContactSync.Core;
using ContactSync.Core.Contacts;
using ContactSync.Core.Sources;

namespace ContactSync.Worker.Configuration;

/// <summary>
/// The checks of a source's field ownership (<c>EmptyValues</c>, <c>Fields:&lt;Field&gt;</c>), read from the raw section:
/// the binder would drop an unknown field name silently, and a typo there would hand a field to the source unnoticed.
/// </summary>
internal static class FieldSettings
{
    public static IEnumerable<(string Key, string Problem)> Check(IConfigurationSection section)
    {
        if (section[nameof(SourceOptions.EmptyValues)] is { } empty && !IsOneOf<EmptyValues>(empty))
        {
            yield return (nameof(SourceOptions.EmptyValues), $"must be one of: {string.Join(", ", Enum.GetNames<EmptyValues>())}");
        }

        var named = ContactFields.None;
        foreach (var field in section.GetSection(nameof(SourceOptions.Fields)).GetChildren())
        {
            var key = ConfigurationKey.Join(nameof(SourceOptions.Fields), field.Key);
            if (!ContactFieldNames.TryParse(field.Key, out var parsed))
            {
                yield return (key, $"names no ContractContact field; one of {string.Join(", ", ContactFieldNames.Each.Select(ContactFieldNames.Name))}");
            }
            else if (named.HasFlag(parsed))
            {
                yield return (key, $"names {ContactFieldNames.Name(parsed)} a second time (by its column name or its Nexudus name); keep one");
            }
            else if (!IsOneOf<FieldPolicy>(field.Value))
            {
                yield return (key, $"must be one of: {string.Join(", ", Enum.GetNames<FieldPolicy>())}");
            }
            else if (parsed == ContactFields.FullName && Enum.Parse<FieldPolicy>(field.Value!, ignoreCase: true) == FieldPolicy.Ignore)
            {
                yield return (key, "cannot be Ignore: a contact is created with its name (SetIfEmpty leaves it to Nexudus after that)");
            }

            named |= parsed;
        }
    }

    private static bool IsOneOf<T>(string? value) where T : struct, Enum
        => Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(value, out _);
}
