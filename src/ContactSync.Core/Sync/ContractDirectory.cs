using System.Collections.Concurrent;
using ContactSync.Core.Mapping;
using ContactSync.Core.Nexudus;
using ContactSync.Core.State;

namespace ContactSync.Core.Sync;

/// <summary>
/// Answers "does this contact already exist on its contract?" for in-doubt records. A contract's contacts are
/// read once per run (reads are budget too) and read again only when a create's outcome was lost, because
/// then the listing may be stale.
/// </summary>
internal sealed class ContractDirectory(INexudusClient client, SyncRecordStore store)
{
    private readonly ConcurrentDictionary<int, IReadOnlyList<ContractContact>> _contacts = new();

    public int ContractsRead { get; private set; }

    /// <returns>The Id of an unclaimed contact with the same normalised name and type, or null.</returns>
    public async Task<int?> FindAsync(ContractContactPayload payload, bool refresh, CancellationToken cancellationToken)
    {
        var contract = payload.CoworkerContractId;
        if (refresh || !_contacts.TryGetValue(contract, out var contacts))
        {
            contacts = await client.ListContractContactsAsync(contract, cancellationToken);
            _contacts[contract] = contacts;
            ContractsRead++;
        }

        var claimed = await store.ClaimedIdsAsync(contract, cancellationToken);
        var name = NameNormaliser.NormaliseName(payload.FullName);
        return contacts
            .Where(c => c.ContractContactType == payload.ContractContactType && !claimed.Contains(c.Id))
            .FirstOrDefault(c => c.FullName is not null && NameNormaliser.NormaliseName(c.FullName) == name)?.Id;
    }
}
