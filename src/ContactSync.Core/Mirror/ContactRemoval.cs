using System.Globalization;
using ContactSync.Core.Ledger;
using ContactSync.Core.Nexudus;
using ContactSync.Core.Push;
using ContactSync.Core.Runs;
using Microsoft.Extensions.Logging;

namespace ContactSync.Core.Mirror;

/// <summary>One removal under the exactly-once protocol: claimed, let go when another source still holds the contact, else deleted and settled.</summary>
internal sealed class ContactRemoval(
    INexudusClient client, ClaimStore claims, ContactSettlements settlements, PlacementStore placement, SourceLease lease, ILogger logger)
{
    private readonly ClaimedCall _claimed = new(claims, lease, logger);

    /// <summary>
    /// Mirror: the record is gone from a complete read of the source and its contact is one ContactSync may remove.
    /// DELETE is idempotent, so a lost answer is simply tried again by a later run; a 404 means it is gone already.
    /// </summary>
    public async Task<PushOutcome> RemoveAsync(PendingRecord record, CancellationToken cancellationToken)
    {
        if (await _claimed.ClaimAsync(record, record.Version, ClaimKind.Update, cancellationToken) is not { } _)
        {
            return PushOutcome.Overtaken;
        }

        var id = record.NexudusId!.Value;
        if (await placement.OtherHoldersAsync(lease.Source, id, cancellationToken) is { Count: > 0 } holders)
        {
            // Another source still has this person: the contact stays, and this record lets it go.
            await settlements.SettleLetGoAsync(lease, record.SourceId, id,
                $"Gone from the source; contact {id} stays in Nexudus, held by source {string.Join(", ", holders)} (Mode=Mirror)", CancellationToken.None);
            RunLogMessages.LetGo(logger, lease.Source, record.SourceId, id, string.Join(", ", holders));
            return PushOutcome.LetGo;
        }

        var result = await _claimed.RunAsync(record, ClaimKind.Update, () => client.DeleteContractContactAsync(id, cancellationToken));
        switch (result.Status)
        {
            case WriteStatus.Succeeded or WriteStatus.NotFound:
                var reason = string.Create(CultureInfo.InvariantCulture,
                    $"Gone from the source; contact {id} {(result.Status == WriteStatus.NotFound ? "was already gone from Nexudus" : "was removed from Nexudus")} (Mode=Mirror)");
                await claims.SettleRemovedAsync(lease, record.SourceId, reason, CancellationToken.None);
                RunLogMessages.Removed(logger, lease.Source, record.SourceId, id);
                return PushOutcome.Removed;
            case WriteStatus.NotApplied:
                await claims.ReleaseAsync(lease, record.SourceId, ClaimKind.Update, result.Reason ?? "Not applied.", CancellationToken.None);
                return PushOutcome.Failed;
            default:
                // Refused (200 with WasSuccessful:false, a 405, a contact locked during identity checks) or unknown: the
                // contact stays, and a later run tries again.
                await claims.SettleFailedAsync(lease, record.SourceId, $"Removal not done: {result.Reason ?? result.Status.ToString()}", CancellationToken.None);
                RunLogMessages.WriteFailed(logger, lease.Source, record.SourceId, result.Status);
                return PushOutcome.Failed;
        }
    }
}
