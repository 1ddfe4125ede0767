using System.Globalization;

namespace ContactSync.Core.Companies;

/// <summary>
/// One run's view of which contract each company is on: the explicit map first, then the Nexudus coworker field.
/// Reasons name companies by reference and contracts by Id, nothing personal.
/// </summary>
public sealed class CompanyContracts
{
    private readonly IReadOnlyDictionary<string, IReadOnlyList<int>> _byField;
    private readonly IReadOnlyDictionary<string, IReadOnlyList<int>> _byMap;
    private readonly IReadOnlySet<int> _activeContracts;
    private readonly string? _field;

    internal CompanyContracts(
        string? field,
        IReadOnlyDictionary<string, IReadOnlyList<int>> byField,
        IReadOnlyDictionary<string, IReadOnlyList<int>> byMap,
        IReadOnlySet<int> activeContracts)
    {
        _field = field;
        _byField = byField;
        _byMap = byMap;
        _activeContracts = activeContracts;
        Companies = byMap.Keys.Union(byField.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>An empty view, for a source with neither a field nor a map configured.</summary>
    public static CompanyContracts None { get; } = new(null, new Dictionary<string, IReadOnlyList<int>>(), new Dictionary<string, IReadOnlyList<int>>(), new HashSet<int>());

    /// <summary>Every company known to resolution (the map's and the field's), normalised, in order: what a register source reads.</summary>
    public IReadOnlyList<string> Companies { get; }

    public ContractMatch Resolve(string? companyRef)
    {
        var company = CompanyRef.Normalise(companyRef);
        if (company.Length == 0)
        {
            return new ContractMatch.NotFound("company reference is empty");
        }

        if (_byMap.TryGetValue(company, out var mapped))
        {
            return mapped.Count switch
            {
                1 when _activeContracts.Contains(mapped[0]) => new ContractMatch.Found(mapped[0]),
                1 => new ContractMatch.NotFound(string.Create(CultureInfo.InvariantCulture,
                    $"company {company} is mapped to contract {mapped[0]}, which is not an active virtual-office contract")),
                _ => new ContractMatch.NotFound($"company {company} is mapped to {Several(mapped)}"),
            };
        }

        if (_field is null)
        {
            return new ContractMatch.NotFound(
                $"company {company} is not in the contract map, and resolution by coworker field is off (ContactSync__ContractResolution__CoworkerField)");
        }

        var contracts = _byField.GetValueOrDefault(company) ?? [];
        return contracts.Count switch
        {
            0 => new ContractMatch.NotFound($"company {company} has no active virtual-office contract"),
            1 => new ContractMatch.Found(contracts[0]),
            _ => new ContractMatch.NotFound($"company {company} has {Several(contracts)}"),
        };
    }

    private static string Several(IReadOnlyList<int> contracts)
    {
        var count = contracts.Count == 2 ? "two" : contracts.Count.ToString(CultureInfo.InvariantCulture);
        return $"{count}: {string.Join(", ", contracts.Order().Select(id => id.ToString(CultureInfo.InvariantCulture)))}";
    }
}
