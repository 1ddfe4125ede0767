using ContactSync.Core.Companies;
namespace ContactSync.Core.Sources;

/// <summary>
/// What a run reads of its source: everything (the scheduled pass), or the contacts of some companies only (a run
/// queued by a change the source announced). Company references are compared normalised
/// (<see cref="Companies.CompanyRef.Normalise"/>).
/// </summary>
public sealed class SourceScope
{
    private SourceScope(IReadOnlySet<string>? companies) => Companies = companies;

    public static SourceScope All { get; } = new(null);

    /// <summary>The companies read, or null for everything.</summary>
    public IReadOnlySet<string>? Companies { get; }

    public bool IsAll => Companies is null;

    public static SourceScope OfCompanies(IEnumerable<string> companies)
    {
        ArgumentNullException.ThrowIfNull(companies);
        var set = companies.Select(CompanyRef.Normalise).Where(company => company.Length > 0).ToHashSet(StringComparer.Ordinal);
        return set.Count == 0 ? throw new ArgumentException("A scope of companies names at least one.", nameof(companies)) : new SourceScope(set);
    }

    /// <summary>Whether a contact of this company (null: attached to a contract directly) is in the scope.</summary>
    public bool Covers(string? companyRef) => Companies is null || (companyRef is not null && Companies.Contains(companyRef));

    public override string ToString() => Companies is null ? "all" : $"{Companies.Count} compan{(Companies.Count == 1 ? "y" : "ies")}";
}
