using ContactSync.Core.Companies;
using ContactSync.Core.Contracts;
using ContactSync.Core.Mapping;
using ContactSync.Core.Runs;
using ContactSync.Core.Sources;

namespace ContactSync.Core.Ingest;

/// <summary>
/// Read and map: streams a source through mapping and contract resolution, keeps what the run's scope covers, and
/// notes what the read proves about absence (<see cref="ReadCoverage"/>). Shared by the run's ingest and the dry run,
/// so both see the same rows. Repeated keys are the consumer's to find: the run stores in batches, the dry run holds
/// everything.
/// </summary>
internal sealed class SourceReader(CountryCache countries, ContractResolver contracts, TimeProvider time)
{
    /// <summary>
    /// Each entry of a read of <paramref name="coverage"/>'s scope as a keyed row or an unkeyed rejection, holding only
    /// the fields the source owns under <paramref name="policy"/>; <paramref name="coverage"/> is filled in as the read goes.
    /// </summary>
    public async IAsyncEnumerable<MappedRow> ReadAsync(
        IContactSource source, SourceOptions policy, ReadCoverage coverage,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var read = new SourceRead(coverage.Scope, ct => contracts.LoadAsync(policy.ContractMapPath, ct));
        var mapper = new RowMapper(countries, time, FieldOwnership.From(policy));
        await foreach (var entry in source.ReadAsync(read, cancellationToken))
        {
            switch (entry)
            {
                case ReadCompleted completed:
                    coverage.Complete = true;
                    coverage.ByCompany = completed.ByCompany;
                    break;
                case SourceCheckpoint checkpoint:
                    yield return new MappedRow(null, null) { Checkpoint = checkpoint };
                    break;
                case CompanyRead companyRead:
                    coverage.Read.Add(CompanyRef.Normalise(companyRead.CompanyRef));
                    break;
                case MalformedEntry malformed:
                    yield return new MappedRow(null, new UnkeyedRow(malformed.LineNumber, null, malformed.Reason));
                    break;
                case CompanyUnread unread:
                    var company = CompanyRef.Normalise(unread.CompanyRef);
                    if (read.Scope.Covers(company))
                    {
                        coverage.Unread.Add(company);
                        yield return new MappedRow(null, new UnkeyedRow(unread.LineNumber, null, unread.Reason, company));
                    }

                    break;
                case SourceContact contact:
                    var mapped = await mapper.MapAsync(contact, read, cancellationToken);
                    if (read.Scope.Covers(mapped.Row?.CompanyRef ?? NormalisedOrNull(contact.CompanyRef)))
                    {
                        yield return mapped;
                    }

                    break;
            }
        }
    }

    private static string? NormalisedOrNull(string? company) => CompanyRef.Normalise(company) is { Length: > 0 } normal ? normal : null;
}

/// <summary>What one read proves about absence: whether it got to its end, and the companies it could not read.</summary>
internal sealed class ReadCoverage(SourceScope scope)
{
    public SourceScope Scope { get; } = scope;

    /// <summary>The source said it read to the end (<see cref="ReadCompleted"/>).</summary>
    public bool Complete { get; set; }

    /// <summary>Companies whose contacts are unknown in this read: none of their records is gone.</summary>
    public HashSet<string> Unread { get; } = new(StringComparer.Ordinal);

    /// <summary>The read proves absence only for the companies it read (<see cref="Read"/>), not for the whole scope.</summary>
    public bool ByCompany { get; set; }

    /// <summary>Companies read whole, for a read <see cref="ByCompany"/>.</summary>
    public HashSet<string> Read { get; } = new(StringComparer.Ordinal);

    /// <summary>The companies absence is proved for: null for every record of the scope.</summary>
    public IReadOnlyCollection<string>? ProvenCompanies => ByCompany
        ? Read.Where(Scope.Covers).ToList()
        : Scope.Companies;

    /// <summary>Whether a record of this company (null: attached to its contract directly) is gone when the read did not yield it.</summary>
    public bool ProvesGone(string? company)
        => Complete && (company is null ? !ByCompany && Scope.IsAll : ProvenCompanies is not { } proven || proven.Contains(company)) && (company is null || !Unread.Contains(company));
}
