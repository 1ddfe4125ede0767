using System.Globalization;
using ContactSync.Core.Contacts;
using ContactSync.Core.Mapping;

namespace ContactSync.Core.Sources.HubSpot;

/// <summary>
/// Which of a contact's companies it is a key contact of, and as what: by association label (the labelled company),
/// or by a contact property (the contact's primary company, or its only one). One role on one company is one
/// ContractContact; a contact with no key-contact role is not a key contact at all.
/// </summary>
internal sealed class HubSpotRoles
{
    // HubSpot's own contact→company association type ids.
    private const int PrimaryCompany = 1;

    private readonly Dictionary<int, ContractContactType> _labels;
    private readonly Dictionary<string, ContractContactType> _values;

    private HubSpotRoles(Dictionary<int, ContractContactType> labels, string? property, Dictionary<string, ContractContactType> values)
    {
        _labels = labels;
        Property = property;
        _values = values;
    }

    /// <summary>The contact property roles come from, or null when they come from labels.</summary>
    public string? Property { get; }

    /// <summary>The roles as configured; <see cref="Problems"/> says what is wrong first.</summary>
    public static HubSpotRoles From(HubSpotSourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var labels = options.RoleLabels
            .Where(pair => int.TryParse(pair.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _) && RoleOf(pair.Value) is not null)
            .ToDictionary(pair => int.Parse(pair.Key, CultureInfo.InvariantCulture), pair => RoleOf(pair.Value)!.Value);
        var values = options.RoleValues
            .Where(pair => RoleOf(pair.Value) is not null)
            .ToDictionary(pair => pair.Key.Trim(), pair => RoleOf(pair.Value)!.Value, StringComparer.OrdinalIgnoreCase);
        return new HubSpotRoles(labels, string.IsNullOrWhiteSpace(options.RoleProperty) ? null : options.RoleProperty.Trim(), values);
    }

    public static IEnumerable<(string Key, string Problem)> Problems(HubSpotSourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var byLabel = options.RoleLabels.Count > 0;
        var byProperty = !string.IsNullOrWhiteSpace(options.RoleProperty);
        if (byLabel == byProperty)
        {
            yield return (byLabel ? nameof(options.RoleProperty) : nameof(options.RoleLabels),
                byLabel
                    ? "cannot be set with RoleLabels: roles come from association labels or from a contact property, not both"
                    : "or RoleProperty is required for a HubSpot source: it says which contacts are directors and nominated recipients");
        }

        foreach (var (typeId, role) in options.RoleLabels)
        {
            if (!int.TryParse(typeId, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                yield return ($"{nameof(options.RoleLabels)}:{typeId}", "must be an association label's type id (a number; labels are referred to by id, as HubSpot renames them)");
            }
            else if (RoleOf(role) is null)
            {
                yield return ($"{nameof(options.RoleLabels)}:{typeId}", "must be Director or NominatedRecipient");
            }
        }

        if (byProperty && options.RoleValues.Count == 0)
        {
            yield return (nameof(options.RoleValues), "is required with RoleProperty: RoleValues__<value>=Director|NominatedRecipient for each value that is a role");
        }

        foreach (var (value, role) in options.RoleValues)
        {
            if (RoleOf(role) is null)
            {
                yield return ($"{nameof(options.RoleValues)}:{value}", "must be Director or NominatedRecipient");
            }
        }
    }

    /// <summary>The contact's roles, each with its company; or, for a role with no company to put it on, why.</summary>
    public IReadOnlyList<RoleOnCompany> Of(CrmObject contact, IReadOnlyList<AssociatedObject> companies)
    {
        ArgumentNullException.ThrowIfNull(contact);
        ArgumentNullException.ThrowIfNull(companies);
        if (Property is null)
        {
            return [.. companies
                .SelectMany(company => (company.AssociationTypes ?? [])
                    .Where(type => _labels.ContainsKey(type.TypeId))
                    .Select(type => new RoleOnCompany(Id(company), _labels[type.TypeId], null)))
                .Distinct()];
        }

        var roles = (contact.Property(Property) ?? "")
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(_values.ContainsKey)
            .Select(value => _values[value])
            .Distinct()
            .ToList();
        if (roles.Count == 0)
        {
            return [];
        }

        var primary = companies.Where(company => (company.AssociationTypes ?? []).Any(type => type.TypeId == PrimaryCompany)).Select(Id).Distinct().ToList();
        var company = primary.Count == 1 ? primary[0] : companies.Select(Id).Distinct().ToList() is [var only] ? only : null;
        var problem = company is not null
            ? null
            : companies.Count == 0
                ? "company: the contact has a key-contact role but no company in HubSpot"
                : string.Create(CultureInfo.InvariantCulture, $"company: the contact has a key-contact role and {companies.Select(Id).Distinct().Count()} companies but no primary one in HubSpot");
        return [.. roles.Select(role => new RoleOnCompany(company, role, problem))];
    }

    private static string Id(AssociatedObject company) => company.ToObjectId.ToString(CultureInfo.InvariantCulture);

    private static ContractContactType? RoleOf(string? text)
        => ContactTypeParser.TryParse(text?.Trim() ?? "", out var type) && type is ContractContactType.Director or ContractContactType.NominatedRecipient ? type : null;
}

/// <summary>A key-contact role on a company (null, with the <paramref name="Problem"/>, when the contact has none to put it on).</summary>
internal sealed record RoleOnCompany(string? CompanyId, ContractContactType Role, string? Problem);
