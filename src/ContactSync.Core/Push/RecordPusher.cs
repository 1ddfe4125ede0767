using System.Globalization;
using ContactSync.Core.Contacts;
using ContactSync.Core.Ledger;
using ContactSync.Core.Nexudus;
using ContactSync.Core.Nexudus.Model;
using ContactSync.Core.Push;
using ContactSync.Core.Runs;
using ContactSync.Core.Sources;
using Microsoft.Extensions.Logging;

namespace ContactSync.Core.Push;

/// <summary>
/// The exactly-once protocol for one record (docs/decisions/0001-idempotency-protocol.md). Every call is preceded by a
/// claim, a compare-and-set committed before anything is sent, and followed by a settlement that holds only while the
/// claim is still this run's. A create in doubt is looked up, for what it sent, before anything else is sent; a lost
/// answer is resolved by looking again, never by re-sending blindly.
/// </summary>
internal sealed class RecordPusher(
    INexudusClient client, ClaimStore claims, ContactSettlements settlements, PlacementStore placement, ContractDirectory directory, SourceLease lease,
    SourceOptions options, SourceRanking ranking, ILogger logger)
{
    private readonly ClaimedCall _claimed = new(claims, lease, logger);

    private string Source => lease.Source;

    public async Task<PushOutcome> PushAsync(PendingRecord record, CancellationToken cancellationToken)
    {
        if (record.InDoubt || record.PayloadJson is null)
        {
            return await ResolveAsync(record, cancellationToken);
        }

        return record.NexudusId is { } id
            ? await UpdateAsync(record, id, record.Version, record.SyncedPayloadJson, cancellationToken, record.Origin)
            : await PlaceAsync(record, record.Version, listedAfter: 0, cancellationToken);
    }

    /// <summary>
    /// A create in doubt (or a claim left in flight by a run that is gone): find what it made before sending anything,
    /// then carry on as the source now says.
    /// </summary>
    private async Task<PushOutcome> ResolveAsync(PendingRecord record, CancellationToken cancellationToken)
    {
        if (await _claimed.ClaimAsync(record, record.Version, ClaimKind.Resolve, cancellationToken) is not { } claim)
        {
            return PushOutcome.Overtaken;
        }

        if (!record.InDoubt)
        {
            // A claim left in flight (an update) by a run that is gone, and a source row that is no longer valid.
            await claims.SettleUnwantedAsync(lease, record.SourceId, CancellationToken.None);
            return PushOutcome.Rejected;
        }

        // What the create in doubt sent, not what the source says now: a name changed meanwhile must not hide it.
        var sentJson = record.AttemptedPayloadJson ?? record.PayloadJson;
        if (sentJson is null)
        {
            // Nothing is known of what was sent, and the source row is not valid either: nothing to look for yet. It
            // stays in doubt, and is looked up once the row is valid again.
            await claims.SettleFailedAsync(lease, record.SourceId, "In doubt, and its source row is not valid: it is looked up once the row is valid again.", CancellationToken.None);
            return PushOutcome.Failed;
        }

        var sent = PayloadJson.Deserialize(sentJson);
        var lookup = await _claimed.RunAsync(
            record, ClaimKind.Resolve, () => directory.FindAsync(sent, record.AttemptFloorId ?? 0, record.ReadAt, cancellationToken));
        if (lookup is ContactLookup.Made made)
        {
            if (await AdoptAsync(record, made) is not { } adopted)
            {
                return PushOutcome.Failed;
            }

            if (adopted.Status != RecordState.Pending || record.PayloadJson is null || options.Mode == SyncMode.CreateOnly)
            {
                return PushOutcome.Adopted;
            }

            // The source changed while the create was in doubt: bring the contact up to date with it now.
            var updated = await UpdateAsync(record, made.Id, adopted.Version, sentJson, cancellationToken);
            return updated == PushOutcome.Updated ? PushOutcome.Adopted : updated;
        }

        // The create made nothing, and cannot any more: the record is placed as the source has it now, as if new.
        if (record.PayloadJson is null)
        {
            await claims.SettleUnwantedAsync(lease, record.SourceId, CancellationToken.None);
            return PushOutcome.Rejected;
        }

        return await PlaceAsync(record, claim.Version, record.ReadAt, cancellationToken);
    }

    /// <summary>
    /// A record with no contact yet: it is one the source already has under another key, or one already on its
    /// contract in Nexudus, or else it is created. Nothing is written to Nexudus unless it is created.
    /// </summary>
    /// <param name="listedAfter">How fresh the contract's listing must be (see <see cref="ContractDirectory.FindAsync"/>).</param>
    private async Task<PushOutcome> PlaceAsync(PendingRecord record, long version, long listedAfter, CancellationToken cancellationToken)
    {
        if (await _claimed.ClaimAsync(record, version, ClaimKind.Resolve, cancellationToken) is not { } claim)
        {
            return PushOutcome.Overtaken;
        }

        var wanted = PayloadJson.Deserialize(record.PayloadJson!);
        var siblings = Placement.SamePerson(
            await placement.SiblingsAsync(Source, lease.RunId, record.SourceId, wanted.CoworkerContractId, (short)wanted.ContractContactType, cancellationToken),
            wanted);

        // Two rows of the source that are one person are one contact: the one holding it keeps it, else the first.
        if (Placement.Twin(siblings, record.SourceId) is { } twin)
        {
            await claims.SettleHeldBackAsync(lease, record.SourceId, Placement.SamePersonReason(twin.SourceId), CancellationToken.None);
            RunLogMessages.SamePersonTwice(logger, Source, record.SourceId, twin.SourceId);
            return PushOutcome.Rejected;
        }

        // A key that changed: the old key is gone from this (complete) read, and its contact is this person's.
        if (Placement.Former(siblings) is { } former
            && await settlements.TakeOverAsync(lease, record.SourceId, former.SourceId, former.NexudusId!.Value, CancellationToken.None) is { } taken)
        {
            RunLogMessages.TookOver(logger, Source, record.SourceId, former.SourceId, former.NexudusId.Value);
            if (taken.Status != RecordState.Pending || options.Mode == SyncMode.CreateOnly)
            {
                return PushOutcome.Linked;
            }

            var updated = await UpdateAsync(record, former.NexudusId.Value, taken.Version, former.SyncedPayloadJson, cancellationToken);
            return updated == PushOutcome.Updated ? PushOutcome.Linked : updated;
        }

        // Another source already has this person on the contract: one contact for both, found in the ledger at no cost.
        if (await ShareAsync(record, wanted, cancellationToken) is { } shared)
        {
            return shared;
        }

        var lookup = await _claimed.RunAsync(
            record, ClaimKind.Resolve, () => directory.FindAsync(wanted, floorId: null, listedAfter, cancellationToken));
        switch (lookup)
        {
            case ContactLookup.Existing existing:
                if (await settlements.SettleLinkedAsync(lease, record.SourceId, existing.Id, CancellationToken.None) is null)
                {
                    await claims.SettleFailedAsync(
                        lease,
                        record.SourceId,
                        string.Create(CultureInfo.InvariantCulture, $"Contact {existing.Id} on the contract is this person, but another record holds it now; looked at again next run"),
                        CancellationToken.None);
                    return PushOutcome.Failed;
                }

                RunLogMessages.Linked(logger, Source, record.SourceId, existing.Id);
                return PushOutcome.Linked;
            case ContactLookup.Ambiguous ambiguous:
                await claims.SettleHeldBackAsync(lease, record.SourceId, Placement.AmbiguousReason(ambiguous.Ids), CancellationToken.None);
                RunLogMessages.Ambiguous(logger, Source, record.SourceId, ambiguous.Ids.Count);
                return PushOutcome.Rejected;
            default:
                return await CreateAsync(record, claim.Version, cancellationToken);
        }
    }

    /// <summary>
    /// Under the record's claim (committed before this looks, so two sources placing one person at once cannot both miss
    /// the other): another source's record that is this person and holds a contact is shared; one whose create is under
    /// way or in doubt is waited for. Null when no other source has this person.
    /// </summary>
    private async Task<PushOutcome?> ShareAsync(PendingRecord record, ContractContactPayload wanted, CancellationToken cancellationToken)
    {
        var others = Placement.SamePersonElsewhere(
            await placement.OtherSourcesOnContractAsync(Source, wanted.CoworkerContractId, (short)wanted.ContractContactType, cancellationToken), wanted);
        if (Placement.Holder(others) is { NexudusId: { } id } holder)
        {
            var holders = others.Where(other => other.NexudusId == id).Select(other => other.Source).Distinct().ToList();
            var writes = options.Mode != SyncMode.CreateOnly && ranking.RanksFirst(Source, holders);
            var note = writes
                ? $"Shares contact {id} with source {holder.Source}; this source ranks first (Priority) and writes its fields"
                : $"Shares contact {id} with source {holder.Source}, which ranks first (Priority) and writes its fields";
            if (await settlements.SettleSharedAsync(lease, record.SourceId, id, writes, note, CancellationToken.None) is not { } settled)
            {
                await claims.SettleFailedAsync(lease, record.SourceId, string.Create(CultureInfo.InvariantCulture,
                    $"Contact {id} is this person, held by source {holder.Source}, which let it go meanwhile; looked at again next run"), CancellationToken.None);
                return PushOutcome.Failed;
            }

            RunLogMessages.Shared(logger, Source, record.SourceId, id, holder.Source);
            if (!writes || settled.Status != RecordState.Pending)
            {
                return PushOutcome.Linked;
            }

            var updated = await UpdateAsync(record, id, settled.Version, holder.SyncedPayloadJson, cancellationToken);
            return updated == PushOutcome.Updated ? PushOutcome.Linked : updated;
        }

        if (Placement.Creating(others) is { } creating)
        {
            await claims.ReleaseAsync(lease, record.SourceId, ClaimKind.Resolve,
                $"Waiting for source {creating.Source}, which is creating this person's contact on the contract; linked to it by a later run", CancellationToken.None);
            RunLogMessages.WaitingForOtherSource(logger, Source, record.SourceId, creating.Source);
            return PushOutcome.Failed;
        }

        return null;
    }

    /// <param name="lastWrittenJson">What ContactSync last wrote to the contact, to notice edits made in Nexudus since; null when it wrote nothing yet.</param>
    /// <param name="origin">
    /// How the record came to hold the contact, as it stood before this placement: only on a contact ContactSync created
    /// may the update clear the fields the source leaves empty (<c>EmptyValues=Clear</c>). One it found, adopted, took
    /// over or shares (null here) keeps what it holds.
    /// </param>
    private async Task<PushOutcome> UpdateAsync(
        PendingRecord record, int id, long version, string? lastWrittenJson, CancellationToken cancellationToken, string? origin = null)
    {
        if (options.Mode == SyncMode.CreateOnly)
        {
            // Never reached through the ledger (CreateOnly ingests such records as synced); a guard all the same.
            return PushOutcome.Overtaken;
        }

        if (await _claimed.ClaimAsync(record, version, ClaimKind.Update, cancellationToken) is not { } claim)
        {
            return PushOutcome.Overtaken;
        }

        // A contact shared with a source that ranks first is that source's to write.
        if (await placement.OtherHoldersAsync(Source, id, cancellationToken) is { Count: > 0 } holders && !ranking.RanksFirst(Source, holders))
        {
            var writer = holders.First(holder => ranking.RanksFirst(holder, holders.Where(other => other != holder).Append(Source)));
            await claims.SettleDeferredAsync(lease, record.SourceId,
                $"Not written: the contact is shared with source {writer}, which ranks first (Priority) and writes its fields", CancellationToken.None);
            RunLogMessages.Deferred(logger, Source, record.SourceId, id, writer);
            return PushOutcome.Deferred;
        }

        var payload = PayloadJson.DeserializeFor(record.PayloadJson!, origin);
        var lastWritten = lastWrittenJson is null ? null : PayloadJson.DeserializeFor(lastWrittenJson, origin);
        var result = await _claimed.RunAsync(
            record, ClaimKind.Update, () => client.UpdateContractContactAsync(id, payload, lastWritten, options.Conflicts, cancellationToken));
        switch (result.Status)
        {
            case WriteStatus.NotFound:
                // Deleted in Nexudus while the source still has it: the source is the truth, so it is placed again, as if
                // new (somebody may have typed the person in again: matched first, on a fresh listing, then created). The
                // old Id stays in the ledger until the new one is known, so nothing is lost if the create never leaves.
                RunLogMessages.RecreatingDeleted(logger, Source, record.SourceId);
                return await PlaceAsync(record, claim.Version, directory.Now, cancellationToken);
            case WriteStatus.Conflict:
                await claims.SettleConflictAsync(
                    lease, record.SourceId, ConflictNote(result.EditedFields, kept: true), result.Reason ?? "Edited in Nexudus; Nexudus's values are kept", CancellationToken.None);
                RunLogMessages.ConflictKept(logger, Source, record.SourceId, string.Join(", ", result.EditedFields));
                return PushOutcome.Conflict;
            case WriteStatus.Succeeded when result.EditedFields.Count > 0:
                RunLogMessages.ConflictOverwritten(logger, Source, record.SourceId, string.Join(", ", result.EditedFields));
                return await settlements.SettleSyncedAsync(lease, record.SourceId, id, adopted: false, CancellationToken.None, ConflictNote(result.EditedFields, kept: false)) is null
                    ? PushOutcome.Failed
                    : PushOutcome.UpdatedOverConflict;
            default:
                return await SettleAsync(record, ClaimKind.Update, result, PushOutcome.Updated);
        }
    }

    private static string ConflictNote(IReadOnlyList<string> fields, bool kept) =>
        $"Edited in Nexudus since ContactSync last wrote it: {string.Join(", ", fields)}; " +
        (kept ? "Nexudus's values kept (Conflicts=NexudusWins)" : "overwritten with the source's values (Conflicts=SourceWins)");

    private async Task<PushOutcome> CreateAsync(PendingRecord record, long version, CancellationToken cancellationToken)
    {
        if (await _claimed.ClaimAsync(record, version, ClaimKind.Create, cancellationToken) is not { } claim)
        {
            return PushOutcome.Overtaken;
        }

        var payload = PayloadJson.Deserialize(record.PayloadJson!);
        var result = await _claimed.RunAsync(record, ClaimKind.Create, () => client.CreateContractContactAsync(payload, cancellationToken));
        if (result.Status != WriteStatus.Ambiguous)
        {
            return await SettleAsync(record, ClaimKind.Create, result, PushOutcome.Created);
        }

        // Look at once: an answer lost on its way back (the commonest case) is found and adopted. Not finding it proves
        // nothing yet, since the create may still be under way at Nexudus: the record stays in doubt, and a later run
        // looks again once the create can no longer land, before anything is sent.
        RunLogMessages.CreateInDoubt(logger, Source, record.SourceId);
        var lookup = await _claimed.RunAsync(
            record, ClaimKind.Resolve, () => directory.FindAsync(payload, claim.FloorId, directory.Now, cancellationToken));
        if (lookup is ContactLookup.Made made)
        {
            return await AdoptAsync(record, made) is null ? PushOutcome.Failed : PushOutcome.Adopted;
        }

        var reason = $"{result.Reason ?? "The outcome of the create is unknown"}; it is not on the contract yet, so it stays in doubt and is looked up again once it can no longer be under way";
        await claims.SettleFailedAsync(lease, record.SourceId, reason, CancellationToken.None);
        return PushOutcome.Failed;
    }

    /// <returns>Where the record stands after the adoption, or null when the contact became another record's first.</returns>
    private async Task<SettledRecord?> AdoptAsync(PendingRecord record, ContactLookup.Made found)
    {
        var settled = await settlements.SettleSyncedAsync(lease, record.SourceId, found.Id, adopted: true, CancellationToken.None);
        if (settled is null)
        {
            await claims.SettleFailedAsync(
                lease,
                record.SourceId,
                string.Create(CultureInfo.InvariantCulture, $"In doubt: contact {found.Id} matched the create, but another record holds it now; it is looked up again next run"),
                CancellationToken.None);
            return null;
        }

        RunLogMessages.Adopted(logger, Source, record.SourceId, found.Id);
        if (found.OtherMatches > 0)
        {
            RunLogMessages.AdoptedNewestOfSeveral(logger, Source, record.SourceId, found.Id, found.OtherMatches);
        }

        return settled;
    }

    private async Task<PushOutcome> SettleAsync(
        PendingRecord record, ClaimKind kind, WriteResult result, PushOutcome success)
    {
        switch (result.Status)
        {
            case WriteStatus.Succeeded:
                if (await settlements.SettleSyncedAsync(lease, record.SourceId, result.Id!.Value, adopted: false, CancellationToken.None) is null)
                {
                    // Cannot happen while calls end inside the in-flight lease; if it does, a later look-up adopts it.
                    RunLogMessages.SettledElsewhere(logger, Source, record.SourceId, result.Id.Value);
                }

                return success;
            case WriteStatus.Rejected:
                await claims.SettleRejectedAsync(lease, record.SourceId, result.Reason ?? "Rejected by Nexudus.", CancellationToken.None);
                RunLogMessages.RejectedByNexudus(logger, Source, record.SourceId);
                return PushOutcome.Rejected;
            case WriteStatus.NotApplied:
                // Certainly not processed: the record waits as it did, and is not in doubt on this account.
                await claims.ReleaseAsync(lease, record.SourceId, kind, result.Reason ?? "Not applied.", CancellationToken.None);
                RunLogMessages.WriteFailed(logger, Source, record.SourceId, result.Status);
                return PushOutcome.Failed;
            default:
                await claims.SettleFailedAsync(lease, record.SourceId, result.Reason ?? result.Status.ToString(), CancellationToken.None);
                RunLogMessages.WriteFailed(logger, Source, record.SourceId, result.Status);
                return PushOutcome.Failed;
        }
    }

    // Settlements and releases are never cancelled: once a call has ended, what it proved must reach the ledger even
    // when the worker is shutting down (an Id lost here would be a duplicate later). Each is one short statement.
}
