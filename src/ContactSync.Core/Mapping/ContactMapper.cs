using System.Globalization;
using ContactSync.Core.Companies;
using ContactSync.Core.Contacts;
using ContactSync.Core.Nexudus.Model;
using ContactSync.Core.Sources;

namespace ContactSync.Core.Mapping;

/// <summary>
/// Validates a source contact and maps it to what Nexudus should hold. Every problem in a row is reported
/// at once, so an operator fixes a row in one go; reasons name the column and the problem, never the value.
/// </summary>
public sealed class ContactMapper
{
    private const int MaxIdOrNameLength = 200;
    private static readonly DateOnly EarliestDateOfBirth = new(1900, 1, 1);

    private readonly CountryMap countries;
    private readonly TimeProvider timeProvider;

    public ContactMapper(CountryMap countries, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(countries);
        ArgumentNullException.ThrowIfNull(timeProvider);
        this.countries = countries;
        this.timeProvider = timeProvider;
    }

    /// <summary>Maps any entry a source yields; a row the source could not read becomes a rejection.</summary>
    public MappingResult Map(SourceEntry entry) => entry switch
    {
        SourceContact contact => Map(contact),
        MalformedEntry malformed => new Rejection(malformed.LineNumber, null, malformed.Reason),
        null => throw new ArgumentNullException(nameof(entry)),
        _ => throw new ArgumentException("Unknown kind of source entry.", nameof(entry)),
    };

    public MappingResult Map(SourceContact contact) => Map(contact, company: null);

    /// <param name="company">
    /// What the contact's company resolved to, for a contact with a <see cref="SourceContact.CompanyRef"/> and no
    /// contract of its own (a contract given directly wins).
    /// </param>
    public MappingResult Map(SourceContact contact, ContractMatch? company)
    {
        ArgumentNullException.ThrowIfNull(contact);
        var problems = new List<string>();

        var sourceId = Text(contact.SourceId, SourceColumns.SourceId, MaxIdOrNameLength, required: true, problems);
        var validSourceId = problems.Count == 0 ? sourceId : null;
        var contractId = (Trimmed(contact.CoworkerContractId), company) switch
        {
            (null, ContractMatch.Found found) => found.CoworkerContractId,
            (null, ContractMatch.NotFound notFound) => Problem(problems, $"{SourceColumns.CompanyRef}: {notFound.Reason}"),
            // The source said why it has no contract or company for the contact; that reason is enough.
            (null, null) when contact.Problem is not null && string.IsNullOrWhiteSpace(contact.CompanyRef) => 0,
            _ => CoworkerContractId(contact.CoworkerContractId, problems),
        };
        var type = ContactType(contact.ContactType, problems);
        var fullName = Text(Collapse(contact.FullName), SourceColumns.FullName, MaxIdOrNameLength, required: true, problems);
        var email = Email(contact.Email, problems);
        var dateOfBirth = DateOfBirth(contact.DateOfBirth, type, problems);
        var address = Text(contact.Address, SourceColumns.Address, 500, required: false, problems);
        var postCode = Text(contact.PostCode, SourceColumns.PostCode, 20, required: false, problems);
        var city = Text(contact.City, SourceColumns.City, 100, required: false, problems);
        var state = Text(contact.State, SourceColumns.State, 100, required: false, problems);
        var countryId = Country(contact.Country, problems);
        var phone = Phone(contact.Phone, problems);
        var notes = Text(contact.Notes, SourceColumns.Notes, 4000, required: false, problems);
        if (contact.Problem is { } problem)
        {
            problems.Add(problem);
        }

        if (problems.Count > 0)
        {
            return new Rejection(contact.LineNumber, validSourceId, string.Join("; ", problems));
        }

        return new MappedContact(sourceId!, contact.LineNumber, new ContractContactPayload
        {
            CoworkerContractId = contractId,
            FullName = fullName!,
            ContractContactType = type,
            Email = email,
            DateOfBirth = dateOfBirth,
            Address = address,
            PostCode = postCode,
            CityName = city,
            State = state,
            CountryId = countryId,
            PhoneNumber = phone,
            Notes = notes,
        });
    }

    private static string? Text(string? raw, string column, int maxLength, bool required, List<string> problems)
    {
        var value = Trimmed(raw);
        if (value is null)
        {
            if (required)
            {
                problems.Add($"{column}: required");
            }

            return null;
        }

        if (value.Length > maxLength)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{column}: longer than {maxLength} characters"));
        }
        else if (TextChecks.HasControlCharacter(value))
        {
            problems.Add($"{column}: contains a control character");
        }

        return value;
    }

    private static int Problem(List<string> problems, string problem)
    {
        problems.Add(problem);
        return 0;
    }

    private static int CoworkerContractId(string? raw, List<string> problems)
    {
        var value = Trimmed(raw);
        if (value is null)
        {
            problems.Add($"{SourceColumns.CoworkerContractId}: required");
            return 0;
        }

        // NumberStyles.None: no sign, no separators, no exponent; "+12" or "1,234" are not ids.
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
        {
            problems.Add($"{SourceColumns.CoworkerContractId}: not a positive whole number");
        }

        return id;
    }

    private static ContractContactType ContactType(string? raw, List<string> problems)
    {
        var value = Trimmed(raw);
        if (value is null)
        {
            problems.Add($"{SourceColumns.ContactType}: required");
        }
        else if (!ContactTypeParser.TryParse(value, out var type))
        {
            problems.Add($"{SourceColumns.ContactType}: not one of Director, CompanyAlias, NominatedRecipient (or 1-3)");
        }
        else
        {
            return type;
        }

        return ContractContactType.None;
    }

    private static string? Email(string? raw, List<string> problems)
    {
        var value = Text(raw, SourceColumns.Email, MaxIdOrNameLength, required: false, problems);
        if (value is not null && value.Length <= MaxIdOrNameLength && !TextChecks.HasControlCharacter(value) && !EmailCheck.IsEmail(value))
        {
            problems.Add($"{SourceColumns.Email}: not a valid email address");
        }

        return value;
    }

    private string? DateOfBirth(string? raw, ContractContactType type, List<string> problems)
    {
        var value = Trimmed(raw);
        if (value is null)
        {
            return null;
        }

        // A company has no birthday; Nexudus would store one and show it on the company's record.
        if (type == ContractContactType.CompanyAlias)
        {
            problems.Add($"{SourceColumns.DateOfBirth}: not allowed on a CompanyAlias");
            return null;
        }

        if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            problems.Add($"{SourceColumns.DateOfBirth}: not a date in YYYY-MM-DD form");
            return null;
        }

        var today = DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime);
        if (date > today)
        {
            problems.Add($"{SourceColumns.DateOfBirth}: in the future");
        }
        else if (date < EarliestDateOfBirth)
        {
            problems.Add($"{SourceColumns.DateOfBirth}: before 1900");
        }

        // No offset: Nexudus shifts date-times that carry one, which can move a birthday by a day.
        return string.Create(CultureInfo.InvariantCulture, $"{date:yyyy-MM-dd}T00:00:00");
    }

    private int? Country(string? raw, List<string> problems)
    {
        var value = Trimmed(raw);
        if (value is null)
        {
            return null;
        }

        if (!CountryMap.IsAlpha2(value))
        {
            problems.Add($"{SourceColumns.Country}: not a two-letter ISO 3166-1 code");
            return null;
        }

        if (!countries.TryGetCountryId(value, out var id))
        {
            problems.Add($"{SourceColumns.Country}: unknown country code");
            return null;
        }

        return id;
    }

    // Nexudus's phone field is free text, and real numbers come with extensions, letters and notes: only what would
    // break the product (length, control characters) is checked, never how the number looks.
    private static string? Phone(string? raw, List<string> problems) => Text(raw, SourceColumns.Phone, 50, required: false, problems);

    private static string? Trimmed(string? raw)
    {
        var value = raw?.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }

    private static string? Collapse(string? raw) => raw is null ? null : NameNormaliser.CollapseWhitespace(raw);
}
