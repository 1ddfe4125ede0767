using ContactSync.Core.Mapping;
using ContactSync.Core.Sources;
using ContactSync.Core.State;

namespace ContactSync.Core.Sync;

/// <summary>Maps a source's rows to what the ledger stores of them; one per read of a source (a real run or a dry run).</summary>
internal sealed class RowMapper(CountryCache countries, TimeProvider time)
{
    private readonly ContactMapper _withoutCountries = new(new CountryMap([]), time);
    private ContactMapper? _withCountries;

    /// <returns>A keyed row for the ledger, or the reason a row without a usable source_id was rejected.</returns>
    public async Task<(IngestRow? Row, string? UnkeyedReason)> MapAsync(SourceContact contact, CancellationToken cancellationToken)
    {
        // Countries cost a call (or a cache read) only when some row names one.
        var mapper = string.IsNullOrWhiteSpace(contact.Country)
            ? _withoutCountries
            : _withCountries ??= new ContactMapper(await countries.GetAsync(cancellationToken), time);
        switch (mapper.Map(contact))
        {
            case MappedContact mapped:
                var json = PayloadJson.Serialize(mapped.Payload);
                return (new IngestRow(mapped.SourceId, contact.LineNumber, mapped.Payload.CoworkerContractId,
                    (short)mapped.Payload.ContractContactType, json, PayloadJson.Hash(json), null), null);
            case Rejection { SourceId: { } sourceId } rejection:
                return (new IngestRow(sourceId, contact.LineNumber, null, null, null, null, rejection.Reason), null);
            case Rejection rejection:
                return (null, rejection.Reason);
            default:
                throw new InvalidOperationException("Unknown mapping result.");
        }
    }
}
