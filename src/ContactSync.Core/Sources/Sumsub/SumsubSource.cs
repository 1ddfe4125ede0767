using System.Runtime.CompilerServices;
using ContactSync.Core.Contacts;
using Microsoft.Extensions.Logging;

namespace ContactSync.Core.Sources.Sumsub;

/// <summary>
/// Sumsub as a source: for every company contract resolution knows, read company by company
/// (<see cref="CompanyByCompany"/>), its KYB applicant (the company's reference is its external user id) and the
/// people in its structure whose types are key contacts (<see cref="SumsubTypeMap"/>). Only the verified are written:
/// a person whose own review is approved is a contact; one not approved yet is shown not verified and nothing is
/// written (a contact already there stays); one refused for good is not yielded, so is gone. A company whose own
/// review is not approved yet yields nothing and keeps its contacts; one refused for good yields no one, so its
/// contacts are gone.
/// </summary>
internal sealed class SumsubSource(
    string name, IReadOnlyDictionary<string, ContractContactType> typeMap, SumsubClient client, ILogger logger) : IContactSource
{
    private int _verified;
    private int _notVerified;

    public string Name { get; } = name;

    public async IAsyncEnumerable<SourceEntry> ReadAsync(SourceRead read, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var requestsBefore = client.Requests;
        var (waitsBefore, waitedBefore) = client.Budget.Waits;
        (_verified, _notVerified) = (0, 0);
        var companies = new StrongBox<int>();
        await foreach (var entry in CompanyByCompany.ReadAsync(read, "Sumsub", client.ReadCompanyAsync, Contacts, companies, cancellationToken))
        {
            if (entry is ReadCompleted)
            {
                var (waits, waited) = client.Budget.Waits;
                SourceLogMessages.SumsubRead(logger, Name, companies.Value, _verified, _notVerified, client.Requests - requestsBefore, waits - waitsBefore,
                    (long)(waited - waitedBefore).TotalSeconds);
            }

            yield return entry;
        }
    }

    private IEnumerable<SourceEntry> Contacts(string company, SumsubCompany kyb, long line)
    {
        var companyReview = SumsubVerification.Of(kyb.Applicant.Review);
        if (companyReview.Verified == Verified.NotYet)
        {
            yield return new CompanyUnread(++line, company,
                $"company {company}: its own KYB review in Sumsub is {companyReview.State}; nothing is written for it until Sumsub approves it");
            yield break;
        }

        if (companyReview.Verified == Verified.Refused)
        {
            // Refused for good: nobody of it is a key contact, so every one of its contacts is gone.
            yield break;
        }

        foreach (var person in kyb.People)
        {
            var review = person.Applicant is { } own
                ? SumsubVerification.Of(own.Review)
                : new SumsubVerification(Verified.NotYet, person.ApplicantId is null ? "no applicant of their own" : "their applicant could not be read", null);
            foreach (var type in SumsubMapping.TypesOf(person, typeMap))
            {
                switch (review.Verified)
                {
                    case Verified.Approved:
                        _verified++;
                        yield return SumsubMapping.Verified(person, person.Applicant!, company, type, review.ApprovedOn, ++line);
                        break;
                    case Verified.NotYet:
                        _notVerified++;
                        yield return SumsubMapping.NotVerified(person, company, type, review.State, ++line);
                        break;
                }
            }
        }
    }
}
