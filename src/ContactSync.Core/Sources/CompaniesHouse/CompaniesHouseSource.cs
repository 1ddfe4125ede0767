using System.Runtime.CompilerServices;
using ContactSync.Core.Companies;
using Microsoft.Extensions.Logging;

namespace ContactSync.Core.Sources.CompaniesHouse;

/// <summary>
/// The UK company register as a source: for every company contract resolution knows (the coworker field and the
/// source's map), its current directors and its former names (<see cref="RegisterMapping"/>). A company that resolves
/// to no contract, or that the register cannot serve, is yielded as <see cref="CompanyUnread"/>, so none of its
/// contacts counts as gone; a register that keeps failing, or refuses the key, stops the read.
/// </summary>
internal sealed class CompaniesHouseSource(
    string name, CompaniesHouseSourceOptions options, CompaniesHouseClient client, ILogger logger) : IContactSource
{
    // Companies in a row the register failed for (5xx, timeouts, after retries) before the read stops as unavailable.
    private const int FailuresBeforeGivingUp = 3;

    public string Name { get; } = name;

    public async IAsyncEnumerable<SourceEntry> ReadAsync(SourceRead read, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var contracts = await read.ContractsAsync(cancellationToken);
        var companies = contracts.Companies.Where(read.Scope.Covers).ToList();
        var requestsBefore = client.Requests;
        var (waitsBefore, waitedBefore) = client.Budget.Waits;
        long line = 0;
        var failing = 0;
        foreach (var company in companies)
        {
            if (contracts.Resolve(company) is ContractMatch.NotFound notFound)
            {
                yield return new CompanyUnread(++line, company, notFound.Reason);
                continue;
            }

            var answer = await client.ReadCompanyAsync(company, cancellationToken);
            if (answer is RegisterAnswer.Unreadable unreadable)
            {
                failing = unreadable.RegisterFailing ? failing + 1 : 0;
                if (failing >= FailuresBeforeGivingUp)
                {
                    throw new SourceUnavailableException(
                        $"Companies House failed for {failing} companies in a row (the last: {unreadable.Reason}); the run stops and nothing is removed");
                }

                yield return new CompanyUnread(++line, company, unreadable.Reason);
                continue;
            }

            failing = 0;
            var (profile, officers) = (RegisterAnswer.Read)answer;
            var directors = officers
                .Select(officer => RegisterMapping.Director(company, officer, includeCorporate: true, 0))
                .OfType<SourceContact>()
                .ToList();
            if (directors.Count == 0)
            {
                // A company must have a director: a register answer with none is more likely wrong than right, and
                // would remove every director of the company.
                yield return new CompanyUnread(++line, company, $"company {company}: the register lists no current director; its contacts are kept as they are");
                continue;
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

            yield return new CompanyRead(company);
        }

        var (waits, waited) = client.Budget.Waits;
        SourceLogMessages.CompaniesHouseRead(logger, Name, companies.Count, client.Requests - requestsBefore, waits - waitsBefore, (long)(waited - waitedBefore).TotalSeconds);
        // Absence is proved company by company: a company resolution no longer knows keeps its contacts.
        yield return new ReadCompleted(ByCompany: true);
    }
}
