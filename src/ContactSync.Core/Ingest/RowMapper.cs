using ContactSync.Core.Companies;
using ContactSync.Core.Contacts;
using ContactSync.Core.Ledger;
using ContactSync.Core.Mapping;
using ContactSync.Core.Runs;
using ContactSync.Core.Sources;

namespace ContactSync.Core.Ingest;

/// <summary>Maps a source's rows to what the ledger stores of them; one per read of a source (a real run or a dry run).</summary>
internal sealed class RowMapper(CountryCache countries, TimeProvider time, FieldOwnership ownership)
{
    private readonly ContactMapper _withoutCountries = new(new CountryMap([]), time);
    private ContactMapper? _withCountries;

    /// <returns>A keyed row for the ledger, or the rejection of a row without a usable source_id.</returns>
    public async Task<MappedRow> MapAsync(SourceContact contact, SourceRead read, CancellationToken cancellationToken)
    {
        // Countries cost a call (or a cache read) only when some row names one, contract resolution only when a row
        // names its company instead of its contract.
        var mapper = string.IsNullOrWhiteSpace(contact.Country)
            ? _withoutCountries
            : _withCountries ??= new ContactMapper(await countries.GetAsync(cancellationToken), time);
        var company = CompanyRef.Normalise(contact.CompanyRef);
        var match = company.Length > 0 && string.IsNullOrWhiteSpace(contact.CoworkerContractId)
            ? (await read.ContractsAsync(cancellationToken)).Resolve(company)
            : null;
        var companyRef = company.Length > 0 ? company : null;
        switch (mapper.Map(contact, match))
        {
            case MappedContact mapped:
                var payload = ownership.Apply(mapped.Payload, contact.Supplied ?? mapped.Payload.Valued);
                var json = PayloadJson.Serialize(payload);
                return new MappedRow(new IngestRow(mapped.SourceId, contact.LineNumber, payload.CoworkerContractId,
                    (short)payload.ContractContactType, json, PayloadJson.Hash(json), null) { CompanyRef = companyRef }, null);
            case Rejection { SourceId: { } sourceId } when contact.NotVerified is { } state:
                return new MappedRow(new IngestRow(sourceId, contact.LineNumber, null, null, null, null, state) { CompanyRef = companyRef, NotVerified = true }, null);
            case Rejection { SourceId: { } sourceId } rejection:
                return new MappedRow(new IngestRow(sourceId, contact.LineNumber, null, null, null, null, rejection.Reason) { CompanyRef = companyRef }, null);
            case Rejection rejection:
                return new MappedRow(null, new UnkeyedRow(contact.LineNumber, null, rejection.Reason));
            default:
                throw new InvalidOperationException("Unknown mapping result.");
        }
    }
}

/// <summary>
/// A source row mapped: a keyed row for the ledger, or the rejection of one without a usable key; or, with neither, a
/// <see cref="Checkpoint"/> the source may remember once what came before it is stored.
/// </summary>
internal sealed record MappedRow(IngestRow? Row, UnkeyedRow? Unkeyed)
{
    public SourceCheckpoint? Checkpoint { get; init; }
}
