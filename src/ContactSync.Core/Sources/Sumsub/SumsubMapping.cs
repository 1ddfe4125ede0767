using System.Globalization;
using ContactSync.Core.Contacts;
using ContactSync.Core.Mapping;

namespace ContactSync.Core.Sources.Sumsub;

/// <summary>
/// A verified person as key contacts of their company, one a contact type their beneficiary types map to: first,
/// middle and last name, email trimmed and lower-cased, date of birth, phone, the first address, country (ISO alpha-3,
/// as <see cref="CountryNames"/> reads it), and notes saying when Sumsub verified them. What Sumsub extracted from
/// documents (<c>info</c>) comes first, what was provided (<c>fixedInfo</c>) fills its gaps. Source keys are
/// <c>{applicant id}/{company}/{contact type}</c>: a person on two companies, or with two contact types, is two records.
/// </summary>
internal static class SumsubMapping
{
    public static string Key(string person, string company, ContractContactType type)
        => $"{person}/{company}/{(type == ContractContactType.Director ? "director" : "nominated-recipient")}";

    /// <summary>The contact types a person's beneficiary types map to, once each, in a stable order.</summary>
    public static IReadOnlyList<ContractContactType> TypesOf(SumsubPerson person, IReadOnlyDictionary<string, ContractContactType> typeMap)
        => [.. person.Types.Where(typeMap.ContainsKey).Select(type => typeMap[type]).Distinct().Order()];

    /// <summary>A verified person's contact of one type.</summary>
    public static SourceContact Verified(SumsubPerson person, SumsubApplicant applicant, string company, ContractContactType type, DateOnly? approvedOn, long line)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(applicant);
        var info = applicant.Info;
        var provided = applicant.FixedInfo;
        string? Pick(Func<SumsubInfo, string?> field) => Text(info is null ? null : field(info)) ?? Text(provided is null ? null : field(provided));
        // A company in another's structure (a corporate director) is named by its company name.
        var name = string.Equals(applicant.Type, "company", StringComparison.OrdinalIgnoreCase)
            ? Pick(i => i.CompanyInfo?.CompanyName) ?? ""
            : string.Join(' ', new[] { Pick(i => i.FirstName), Pick(i => i.MiddleName), Pick(i => i.LastName) }.OfType<string>());
        var address = (info?.Addresses ?? []).Concat(provided?.Addresses ?? []).FirstOrDefault(one => one is not null);
        return new SourceContact(
            line,
            Key(person.Key, company, type),
            CoworkerContractId: null,
            type.ToString(),
            name.Length == 0 ? null : name,
            Email(Text(applicant.Email) ?? Pick(i => i.Email)),
            Pick(i => i.Dob),
            address is null ? null : Street(address),
            Text(address?.PostCode),
            Text(address?.Town),
            Text(address?.State),
            CountryNames.ToIsoCode(Text(address?.Country) ?? Pick(i => i.Country)),
            Text(applicant.Phone) ?? Pick(i => i.Phone),
            approvedOn is { } date ? $"Verified by Sumsub on {date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}" : "Verified by Sumsub")
        {
            CompanyRef = company,
        };
    }

    /// <summary>
    /// A person Sumsub has not verified (yet): stored unverified with the state in words, so nothing is written for
    /// them, and a contact already written for them stays (it is not gone).
    /// </summary>
    public static SourceContact NotVerified(SumsubPerson person, string company, ContractContactType type, string state, long line)
    {
        ArgumentNullException.ThrowIfNull(person);
        return new SourceContact(line, Key(person.Key, company, type), null, type.ToString(), null, null, null, null, null, null, null, null, null, null)
        {
            CompanyRef = company,
            NotVerified = $"not verified by Sumsub ({state}): nothing is written until Sumsub approves them",
            Supplied = ContactFields.None,
        };
    }

    public static string? Email(string? raw) => string.IsNullOrWhiteSpace(raw) ? null : raw.Trim().ToLowerInvariant();

    // The street line: flat, building name, number and street, and the sub-street, as given; the town and post code
    // have fields of their own.
    private static string? Street(SumsubAddress address)
    {
        var numbered = string.Join(' ', new[] { Text(address.BuildingNumber), Text(address.Street) }.OfType<string>());
        var parts = new[] { Text(address.FlatNumber), Text(address.BuildingName), numbered.Length == 0 ? null : numbered, Text(address.SubStreet) }.OfType<string>().ToList();
        return parts.Count == 0 ? null : string.Join(", ", parts);
    }

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
