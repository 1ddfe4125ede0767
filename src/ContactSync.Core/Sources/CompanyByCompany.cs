using System.Runtime.CompilerServices;
using ContactSync.Core.Companies;

namespace ContactSync.Core.Sources;

/// <summary>What a source API said of one company: what it holds of it, or why it could not be read.</summary>
internal abstract record CompanyAnswer<T>
{
    public sealed record Read(T Value) : CompanyAnswer<T>;

    /// <param name="Failing">The API itself is failing (5xx, timeouts, 429 after retries), not this company.</param>
    public sealed record Unreadable(string Reason, bool Failing) : CompanyAnswer<T>;
}

/// <summary>
/// A read of a source that is asked company by company (the register, a KYC platform), for the companies contract
/// resolution knows within the read's scope. A company that resolves to no contract, or that the API cannot serve, is
/// <see cref="CompanyUnread"/>, so none of its contacts counts as gone; one read whole is <see cref="CompanyRead"/>
/// after its contacts, unless its contacts end with a <see cref="CompanyUnread"/> of their own (what the API said
/// is not to be trusted for it); an API that fails for three companies in a row stops the read, removing nothing.
/// The read ends <see cref="ReadCompleted"/> by company.
/// </summary>
internal static class CompanyByCompany
{
    // Companies in a row the API failed for (5xx, timeouts, after retries) before the read stops as unavailable.
    private const int FailuresBeforeGivingUp = 3;

    /// <param name="api">The API's name, as the reason says it ("Sumsub").</param>
    /// <param name="ask">Reads one company from the API.</param>
    /// <param name="contacts">A company's entries from what the API said, numbered on from the line given.</param>
    /// <param name="companies">How many companies the read covers, set once they are known (for the source's log line).</param>
    public static async IAsyncEnumerable<SourceEntry> ReadAsync<T>(
        SourceRead read,
        string api,
        Func<string, CancellationToken, Task<CompanyAnswer<T>>> ask,
        Func<string, T, long, IEnumerable<SourceEntry>> contacts,
        StrongBox<int> companies,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(ask);
        ArgumentNullException.ThrowIfNull(contacts);
        ArgumentNullException.ThrowIfNull(companies);
        var contracts = await read.ContractsAsync(cancellationToken);
        var scope = contracts.Companies.Where(read.Scope.Covers).ToList();
        companies.Value = scope.Count;
        long line = 0;
        var failing = 0;
        foreach (var company in scope)
        {
            if (contracts.Resolve(company) is ContractMatch.NotFound notFound)
            {
                yield return new CompanyUnread(++line, company, notFound.Reason);
                continue;
            }

            var answer = await ask(company, cancellationToken);
            if (answer is CompanyAnswer<T>.Unreadable unreadable)
            {
                failing = unreadable.Failing ? failing + 1 : 0;
                if (failing >= FailuresBeforeGivingUp)
                {
                    throw new SourceUnavailableException(
                        $"{api} failed for {failing} companies in a row (the last: {unreadable.Reason}); the run stops and nothing is removed");
                }

                yield return new CompanyUnread(++line, company, unreadable.Reason);
                continue;
            }

            failing = 0;
            SourceEntry? last = null;
            foreach (var entry in contacts(company, ((CompanyAnswer<T>.Read)answer).Value, line))
            {
                line = Math.Max(line, entry.LineNumber);
                last = entry;
                yield return entry;
            }

            if (last is not CompanyUnread)
            {
                yield return new CompanyRead(company);
            }
        }

        // Absence is proved company by company: a company resolution no longer knows keeps its contacts.
        yield return new ReadCompleted(ByCompany: true);
    }
}
