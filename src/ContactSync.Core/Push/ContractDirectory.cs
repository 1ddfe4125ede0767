using System.Collections.Concurrent;
using ContactSync.Core.Nexudus;
using ContactSync.Core.Nexudus.Http;
using ContactSync.Core.Nexudus.Model;

namespace ContactSync.Core.Push;

/// <summary>
/// The contacts already on the contracts a run creates for, read as few times as the run allows (reads are budget
/// too): the whole account once, in the largest pages Nexudus serves, when the run has creates on more contracts than
/// that would take pages; otherwise each contract once, when its first record needs it. A contract is read again when
/// its listing is older than what it has to show: right after a create's answer was lost, or when a record came past
/// the end of its in-flight claim only after the listing was made (a create sent by a run that lost its source could
/// have landed in between).
/// </summary>
internal sealed class ContractDirectory(INexudusClient client, PlacementStore store, TimeProvider time, bool readWholeAccount)
{
    private readonly ConcurrentDictionary<int, Listing> _listings = new();
    private readonly Lock _accountLock = new();
    private Task<long>? _accountRead;

    /// <summary>
    /// What the contract says about <paramref name="wanted"/>: candidates are its contacts that no ledger record holds
    /// (of any source) and that <see cref="ContactMatcher"/> calls the same contact. For a create in doubt
    /// (<paramref name="floorId"/> set) a candidate above the floor may be what the create made, since Nexudus numbers
    /// records in order and the ledger already held the floor before the create was claimed; the newest such is it.
    /// Otherwise, and for candidates at or below the floor, which were there before: one is the record's contact,
    /// several are for an operator.
    /// </summary>
    /// <param name="listedAfter">A <see cref="TimeProvider"/> timestamp the listing must have been started after.</param>
    /// <param name="alsoHeld">Contacts to treat as held though the ledger does not say so yet (a dry run's own links).</param>
    public async Task<ContactLookup> FindAsync(
        ContractContactPayload wanted, int? floorId, long listedAfter, CancellationToken cancellationToken, IReadOnlySet<int>? alsoHeld = null)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        var listing = await ListingAsync(wanted.CoworkerContractId, listedAfter, cancellationToken);
        var owned = await store.OwnedAmongAsync([.. listing.Contacts.Select(contact => contact.Id)], cancellationToken);
        if (alsoHeld is not null)
        {
            owned.UnionWith(alsoHeld);
        }

        var matches = listing.Contacts
            .Where(contact => !owned.Contains(contact.Id) && ContactMatcher.IsSame(contact, wanted))
            .Select(contact => contact.Id)
            .Distinct()
            .Order()
            .ToList();
        if (floorId is { } floor && matches.Where(id => id > floor).ToList() is { Count: > 0 } newer)
        {
            return new ContactLookup.Made(newer[^1], newer.Count - 1);
        }

        return matches.Count switch
        {
            0 => new ContactLookup.NotFound(),
            1 => new ContactLookup.Existing(matches[0]),
            _ => new ContactLookup.Ambiguous(matches),
        };
    }

    /// <summary>
    /// Takes the account's contacts as read whole elsewhere (a drift check), started at <paramref name="startedAt"/>,
    /// so matching reads them no second time.
    /// </summary>
    public void Prime(IReadOnlyList<ContractContact> all, long startedAt)
    {
        lock (_accountLock)
        {
            Store(all, startedAt);
            _accountRead = Task.FromResult(startedAt);
        }
    }

    /// <summary>
    /// Whether matching reads the account whole (pages of <see cref="NexudusClient.ContactPageSize"/>) or contract by
    /// contract: whichever takes fewer reads, by what the ledger knows of the account's size (<paramref name="heldContacts"/>).
    /// A run with creates on a handful of contracts reads just those. The run and the dry run decide by this alone.
    /// </summary>
    public static bool ShouldReadWholeAccount(int contractsToMatch, int heldContacts)
    {
        const int FewContracts = 3;
        var pages = Math.Max(1, (heldContacts + NexudusClient.ContactPageSize - 1) / NexudusClient.ContactPageSize);
        return contractsToMatch > FewContracts && contractsToMatch > pages;
    }

    /// <summary>A timestamp that makes <see cref="FindAsync"/> read the contract afresh.</summary>
    public long Now => time.GetTimestamp();

    private async Task<Listing> ListingAsync(int contract, long listedAfter, CancellationToken cancellationToken)
    {
        if (_listings.TryGetValue(contract, out var listing) && listing.StartedAt >= listedAfter)
        {
            return listing;
        }

        if (readWholeAccount || Volatile.Read(ref _accountRead) is not null)
        {
            var accountStarted = await ReadAccountOnceAsync(cancellationToken);
            if (accountStarted >= listedAfter)
            {
                return _listings.GetOrAdd(contract, new Listing(accountStarted, []));
            }
        }

        var started = time.GetTimestamp();
        listing = new Listing(started, await client.ListContractContactsAsync(contract, cancellationToken));
        _listings[contract] = listing;
        return listing;
    }

    /// <returns>When the account's read started; every contract it holds is listed by then.</returns>
    private Task<long> ReadAccountOnceAsync(CancellationToken cancellationToken)
    {
        lock (_accountLock)
        {
            // A read that failed is not kept: the run stops on its failure anyway, and a later caller may try again.
            if (_accountRead is null || _accountRead.IsFaulted || _accountRead.IsCanceled)
            {
                _accountRead = ReadAccountAsync(cancellationToken);
            }

            return _accountRead;
        }
    }

    private async Task<long> ReadAccountAsync(CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        Store(await client.ListAllContractContactsAsync(cancellationToken), started);
        return started;
    }

    private void Store(IReadOnlyList<ContractContact> all, long started)
    {
        foreach (var group in all.GroupBy(contact => contact.CoworkerContractId))
        {
            var listing = new Listing(started, [.. group]);
            _listings.AddOrUpdate(group.Key, listing, (_, existing) => existing.StartedAt >= started ? existing : listing);
        }
    }

    private sealed record Listing(long StartedAt, IReadOnlyList<ContractContact> Contacts);
}
