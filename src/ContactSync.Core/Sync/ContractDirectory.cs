using System.Collections.Concurrent;
using ContactSync.Core.Nexudus;
using ContactSync.Core.State;

namespace ContactSync.Core.Sync;

/// <summary>
/// Answers "did this create land, and as which contact?" for records in doubt. A contract's contacts are read once per
/// run (reads are budget too) and read again only right after a create's answer was lost, when the listing may be stale.
/// </summary>
internal sealed class ContractDirectory(INexudusClient client, SyncRecordStore store)
{
    private readonly ConcurrentDictionary<int, IReadOnlyList<ContractContact>> _contacts = new();

    /// <summary>
    /// Candidates are contacts on the contract that no ledger record holds and that match what the create sent
    /// (<see cref="ContactMatch"/>). Nexudus numbers records in order, and the ledger already held
    /// <paramref name="floorId"/> before the create was claimed: a candidate above it may be the create's, one at or
    /// below it was there before (a person typed it in, or another system made it) and is never adopted.
    /// </summary>
    public async Task<ContactLookup> FindAsync(ContractContactPayload sent, int floorId, bool refresh, CancellationToken cancellationToken)
    {
        var contract = sent.CoworkerContractId;
        if (refresh || !_contacts.TryGetValue(contract, out var contacts))
        {
            contacts = await client.ListContractContactsAsync(contract, cancellationToken);
            _contacts[contract] = contacts;
        }

        var claimed = await store.ClaimedIdsAsync(contract, cancellationToken);
        var matches = contacts
            .Where(contact => !claimed.Contains(contact.Id) && ContactMatch.IsSame(contact, sent))
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
}
