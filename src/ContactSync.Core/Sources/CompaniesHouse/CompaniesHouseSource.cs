using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;

namespace ContactSync.Core.Sources.CompaniesHouse;

/// <summary>
/// The UK company register as a source: for every company contract resolution knows (the coworker field and the
/// source's map), its current directors and its former names (<see cref="RegisterMapping"/>), read company by company
/// (<see cref="CompanyByCompany"/>). A register answer with no current director is not trusted for its company.
/// </summary>
internal sealed class CompaniesHouseSource(
    string name, CompaniesHouseSourceOptions options, CompaniesHouseClient client, ILogger logger) : IContactSource
{
    public string Name { get; } = name;

    public async IAsyncEnumerable<SourceEntry> ReadAsync(SourceRead read, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var requestsBefore = client.Requests;
        var (waitsBefore, waitedBefore) = client.Budget.Waits;
        var companies = new StrongBox<int>();
        await foreach (var entry in CompanyByCompany.ReadAsync(read, "Companies House", client.ReadCompanyAsync, Contacts, companies, cancellationToken))
        {
            if (entry is ReadCompleted)
            {
                var (waits, waited) = client.Budget.Waits;
                SourceLogMessages.CompaniesHouseRead(logger, Name, companies.Value, client.Requests - requestsBefore, waits - waitsBefore, (long)(waited - waitedBefore).TotalSeconds);
            }

            yield return entry;
        }
    }

    private IEnumerable<SourceEntry> Contacts(string company, RegisterCompany register, long line)
    {
        var (profile, officers) = register;
        if (!officers.Any(officer => RegisterMapping.Director(company, officer, includeCorporate: true, 0) is not null))
        {
            // A company must have a director: a register answer with none is more likely wrong than right, and
            // would remove every director of the company.
            yield return new CompanyUnread(++line, company, $"company {company}: the register lists no current director; its contacts are kept as they are");
            yield break;
        }

        foreach (var officer in officers)
        {
            if (RegisterMapping.Director(company, officer, options.IncludeCorporateDirectors, line + 1) is { } director)
            {
                line++;
                yield return director;
            }
        }

        foreach (var previous in profile.PreviousCompanyNames ?? [])
        {
            if (RegisterMapping.FormerName(company, previous, line + 1) is { } alias)
            {
                line++;
                yield return alias;
            }
        }
    }
}
