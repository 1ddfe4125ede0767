using System.Runtime.CompilerServices;
using ContactSync.Core.Companies;
using ContactSync.Core.Contacts;
using Microsoft.Extensions.Logging;

namespace ContactSync.Core.Sources.Sumsub;

/// <summary>
/// Sumsub as a source: for every company contract resolution knows, its KYB applicant (the company's reference is its
/// external user id) and the people in its structure whose types are key contacts (<see cref="SumsubTypeMap"/>). Only
/// the verified are written: a person whose own review is approved is a contact; one not approved yet is shown not
/// verified and nothing is written (a contact already there stays); one refused for good is not yielded, so is gone.
/// A company whose own review is not approved yet yields nothing and keeps its contacts; one refused for good yields
/// no one, so its contacts are gone. A company Sumsub does not know, or cannot serve, is <see cref="CompanyUnread"/>;
/// a Sumsub that keeps failing, or refuses the token, stops the read.
/// </summary>
internal sealed class SumsubSource(
    string name, IReadOnlyDictionary<string, ContractContactType> typeMap, SumsubClient client, ILogger logger) : IContactSource
{
    // Companies in a row Sumsub failed for (5xx, timeouts, after retries) before the read stops as unavailable.
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
        var verified = 0;
        var notVerified = 0;
        foreach (var company in companies)
        {
            if (contracts.Resolve(company) is ContractMatch.NotFound notFound)
            {
                yield return new CompanyUnread(++line, company, notFound.Reason);
                continue;
            }

            var answer = await client.ReadCompanyAsync(company, cancellationToken);
            if (answer is SumsubAnswer.Unreadable unreadable)
            {
                failing = unreadable.Failing ? failing + 1 : 0;
                if (failing >= FailuresBeforeGivingUp)
                {
                    throw new SourceUnavailableException(
                        $"Sumsub failed for {failing} companies in a row (the last: {unreadable.Reason}); the run stops and nothing is removed");
                }

                yield return new CompanyUnread(++line, company, unreadable.Reason);
                continue;
            }

            failing = 0;
            var (applicant, people) = (SumsubAnswer.Read)answer;
            var companyReview = SumsubVerification.Of(applicant.Review);
            if (companyReview.Verified == Verified.NotYet)
            {
                yield return new CompanyUnread(++line, company,
                    $"company {company}: its own KYB review in Sumsub is {companyReview.State}; nothing is written for it until Sumsub approves it");
                continue;
            }

            if (companyReview.Verified == Verified.Approved)
            {
                foreach (var person in people)
                {
                    var review = person.Applicant is { } own
                        ? SumsubVerification.Of(own.Review)
                        : new SumsubVerification(Verified.NotYet, person.ApplicantId is null ? "no applicant of their own" : "their applicant could not be read", null);
                    foreach (var type in SumsubMapping.TypesOf(person, typeMap))
                    {
                        switch (review.Verified)
                        {
                            case Verified.Approved:
                                verified++;
                                yield return SumsubMapping.Verified(person, person.Applicant!, company, type, review.ApprovedOn, ++line);
                                break;
                            case Verified.NotYet:
                                notVerified++;
                                yield return SumsubMapping.NotVerified(person, company, type, review.State, ++line);
                                break;
                        }
                    }
                }
            }

            // Every person of the company was read: one not yielded (refused for good, or no longer in its structure) is gone.
            yield return new CompanyRead(company);
        }

        var (waits, waited) = client.Budget.Waits;
        SourceLogMessages.SumsubRead(logger, Name, companies.Count, verified, notVerified, client.Requests - requestsBefore, waits - waitsBefore, (long)(waited - waitedBefore).TotalSeconds);
        // Absence is proved company by company: a company resolution no longer knows keeps its contacts.
        yield return new ReadCompleted(ByCompany: true);
    }
}
