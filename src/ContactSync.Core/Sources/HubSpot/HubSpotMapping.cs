using System.Globalization;
using ContactSync.Core.Contacts;
using ContactSync.Core.Mapping;

namespace ContactSync.Core.Sources.HubSpot;

/// <summary>
/// A HubSpot contact as key contacts, one a role on a company: first and last name, email trimmed and lower-cased,
/// phone, street, city, zip, state, country (names or ISO codes, as <see cref="CountryNames"/> reads them; one not known
/// is left out), and a date of birth read leniently from a free-text property. Source keys are
/// <c>{contact id}/{company id}/{role}</c>, so a person with two roles, or on two companies, is two records.
/// </summary>
internal static class HubSpotMapping
{
    public const string ModifiedProperty = "lastmodifieddate";

    private static readonly string[] Standard = ["firstname", "lastname", "email", "phone", "address", "city", "zip", "state", "country", ModifiedProperty];

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy", "dd-MM-yyyy", "dd.MM.yyyy", "yyyy/MM/dd"];

    /// <summary>The contact properties a read asks for (HubSpot returns only the defaults unless told).</summary>
    public static string[] Properties(HubSpotSourceOptions options, HubSpotRoles roles)
        => [.. Standard.Concat(new[] { roles.Property, options.DateOfBirthProperty }.OfType<string>()).Distinct(StringComparer.Ordinal)];

    /// <summary>What a HubSpot contact supplies: the standard properties read, and a date of birth where a property holds one.</summary>
    public static ContactFields Fields(HubSpotSourceOptions options)
        => ContactFields.FullName | ContactFields.Email | ContactFields.PhoneNumber | ContactFields.AddressFields
           | (string.IsNullOrWhiteSpace(options.DateOfBirthProperty) ? ContactFields.None : ContactFields.DateOfBirth);

    public static string Key(string contactId, string? companyId, ContractContactType role)
        => $"{contactId}/{companyId ?? "none"}/{(role == ContractContactType.Director ? "director" : "nominated-recipient")}";

    /// <param name="companyRef">The company's reference for contract resolution, or null with <paramref name="companyProblem"/> saying why.</param>
    public static SourceContact Contact(
        CrmObject contact, RoleOnCompany role, string? companyRef, string? companyProblem, HubSpotSourceOptions options, long line)
    {
        ArgumentNullException.ThrowIfNull(contact);
        ArgumentNullException.ThrowIfNull(role);
        ArgumentNullException.ThrowIfNull(options);
        var (dateOfBirth, dateProblem) = DateOfBirth(contact.Property(options.DateOfBirthProperty));
        var name = string.Join(' ', new[] { contact.Property("firstname"), contact.Property("lastname") }.Where(part => !string.IsNullOrWhiteSpace(part)).Select(part => part!.Trim()));
        var problems = new[] { role.Problem, companyProblem, dateProblem }.OfType<string>().ToList();
        return new SourceContact(
            line,
            Key(contact.Id, role.CompanyId, role.Role),
            CoworkerContractId: null,
            role.Role.ToString(),
            name.Length == 0 ? null : name,
            Email(contact.Property("email")),
            dateOfBirth,
            contact.Property("address"),
            contact.Property("zip"),
            contact.Property("city"),
            contact.Property("state"),
            CountryNames.ToIsoCode(contact.Property("country")),
            contact.Property("phone"),
            Notes: null)
        {
            CompanyRef = companyRef,
            Problem = problems.Count == 0 ? null : string.Join("; ", problems),
            Supplied = Fields(options),
        };
    }

    public static string? Email(string? raw) => string.IsNullOrWhiteSpace(raw) ? null : raw.Trim().ToLowerInvariant();

    /// <summary>
    /// A free-text birth date as YYYY-MM-DD: ISO (with or without a time), day first with slashes, dashes or dots (the UK
    /// order: 02/07/1975 is 2 July), or a date property's epoch milliseconds. Anything else is rejected with a reason that
    /// does not repeat the value.
    /// </summary>
    public static (string? Date, string? Problem) DateOfBirth(string? raw)
    {
        var text = raw?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return (null, null);
        }

        if (text.Length > 10 && text[10] == 'T')
        {
            text = text[..10];
        }

        if (DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return (date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), null);
        }

        if (text.Length >= 9 && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var millis))
        {
            return (DateTimeOffset.FromUnixTimeMilliseconds(millis).UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), null);
        }

        return (null, "date_of_birth: HubSpot's value is not a date ContactSync can read (YYYY-MM-DD or DD/MM/YYYY); correct it in HubSpot");
    }

    /// <summary>A modified date as HubSpot writes it: epoch milliseconds, or ISO 8601 (v3 answers use both).</summary>
    public static long? Millis(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var millis))
        {
            return millis;
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at.ToUnixTimeMilliseconds() : null;
    }
}
