using System.Collections.Concurrent;
using ContactSync.Core.Nexudus;
using ContactSync.Core.State;

namespace ContactSync.Core.Sync;

/// <summary>
/// Answers "did this create land, and as which contact?" for records in doubt. A contract's contacts are read once
/// per run where that is enough (reads are budget too), and read again when the listing is older than what it has
/// to show: right after a create's answer was lost, or when a record came past the end of its in-flight claim only
/// after the listing was made (a create sent by a run that lost its source could have landed in between).
/// </summary>
internal sealed class ContractDirectory(INexudusClient client, SyncRecordStore store, TimeProvider time)
{
    private readonly ConcurrentDictionary<int, Listing> _listings = new();

    /// <summary>
    /// Candidates are contacts on the contract that no ledger record holds and that match what the create sent
    /// (<see cref="ContactMatch"/>). Nexudus numbers records in order, and the ledger already held
    /// <paramref name="floorId"/> before the create was claimed: a candidate above it may be the create's, one at or
    /// below it was there before (a person typed it in, or another system made it) and is never adopted.
    /// </summary>
    /// <param name="listedAfter">A <see cref="TimeProvider"/> timestamp the listing must have been started after.</param>
    public async Task<ContactLookup> FindAsync(ContractContactPayload sent, int floorId, long listedAfter, CancellationToken cancellationToken)
    {
        var contract = sent.CoworkerContractId;
        if (!_listings.TryGetValue(contract, out var listing) || listing.StartedAt < listedAfter)
        {
            var started = time.GetTimestamp();
            listing = new Listing(started, await client.ListContractContactsAsync(contract, cancellationToken));
            _listings[contract] = listing;
        }

        var owned = await store.OwnedAmongAsync([.. listing.Contacts.Select(contact => contact.Id)], cancellationToken);
        var matches = listing.Contacts
            .Where(contact => !owned.Contains(contact.Id) && ContactMatch.IsSame(contact, sent))
            .Select(contact => contact.Id)
            .Order()
            .ToList();
        var newer = matches.Where(id => id > floorId).ToList();
        if (newer.Count > 0)
        {
            return new ContactLookup.Found(newer[^1], newer.Count - 1);
        }

        return matches.Count > 0 ? new ContactLookup.OnlyOlder(matches) : new ContactLookup.NotFound();
    }

    /// <summary>A timestamp that makes <see cref="FindAsync"/> read the contract afresh.</summary>
    public long Now => time.GetTimestamp();

    private sealed record Listing(long StartedAt, IReadOnlyList<ContractContact> Contacts);
}
