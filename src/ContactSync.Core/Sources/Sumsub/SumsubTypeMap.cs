using ContactSync.Core.Contacts;
using ContactSync.Core.Mapping;

namespace ContactSync.Core.Sources.Sumsub;

/// <summary>
/// Which beneficiary types are key contacts, and as what (<see cref="SumsubSourceOptions.TypeMap"/>): a type mapped to
/// <c>Director</c> or <c>NominatedRecipient</c>, lower-cased; <c>None</c> (or empty) takes a type out.
/// </summary>
internal static class SumsubTypeMap
{
    public static IReadOnlyDictionary<string, ContractContactType> From(SumsubSourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.TypeMap
            .Select(pair => (Type: pair.Key.Trim().ToLowerInvariant(), Role: RoleOf(pair.Value)))
            .Where(pair => pair.Type.Length > 0 && pair.Role is not null)
            .ToDictionary(pair => pair.Type, pair => pair.Role!.Value, StringComparer.Ordinal);
    }

    public static IEnumerable<(string Key, string Problem)> Problems(SumsubSourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var (type, role) in options.TypeMap)
        {
            if (!IsNone(role) && RoleOf(role) is null)
            {
                yield return ($"{nameof(options.TypeMap)}:{type}", "must be Director, NominatedRecipient or None");
            }
        }

        if (From(options).Count == 0)
        {
            yield return (nameof(options.TypeMap), "maps no beneficiary type to a key contact: the source would read nobody");
        }
    }

    private static bool IsNone(string? text) => string.IsNullOrWhiteSpace(text) || string.Equals(text.Trim(), "None", StringComparison.OrdinalIgnoreCase);

    private static ContractContactType? RoleOf(string? text)
        => !IsNone(text) && ContactTypeParser.TryParse(text!.Trim(), out var type) && type is ContractContactType.Director or ContractContactType.NominatedRecipient ? type : null;
}
