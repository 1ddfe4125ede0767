using ContactSync.Core.Nexudus;
using ContactSync.Core.State;
using Microsoft.Extensions.Logging;

namespace ContactSync.Core.Sync;

/// <summary>
/// The exactly-once protocol for one record (docs/decisions/0001-idempotency-protocol.md):
/// an in-doubt record is looked up before anything is sent; a create is marked in flight, committed, and
/// only then POSTed; a lost answer is resolved by looking again, never by re-sending blindly.
/// </summary>
internal sealed class RecordPusher(
    INexudusClient client, SyncRecordStore store, ContractDirectory directory, string source, int maxAttempts, ILogger logger)
{
    public async Task<PushOutcome> PushAsync(PendingRecord record, CancellationToken cancellationToken)
    {
        var payload = PayloadJson.Deserialize(record.PayloadJson);
        if (record.NexudusId is { } id)
        {
            var updated = await client.UpdateContractContactAsync(id, payload, cancellationToken);
            if (updated.Status != WriteStatus.NotFound)
            {
                return await SettleAsync(record, updated, PushOutcome.Updated, cancellationToken);
            }

            // Deleted in Nexudus while the source still has it: the source is the truth, so create it again.
            await store.ForgetNexudusIdAsync(source, record.SourceId, cancellationToken);
            Log.RecreatingDeleted(logger, source, record.SourceId);
        }
        else if (record.InDoubt && await AdoptAsync(record, payload, refresh: false, cancellationToken))
        {
            return PushOutcome.Adopted;
        }

        return await CreateAsync(record, payload, cancellationToken);
    }

    private async Task<PushOutcome> CreateAsync(PendingRecord record, ContractContactPayload payload, CancellationToken cancellationToken)
    {
        WriteResult result = new(WriteStatus.NotApplied, Reason: "not attempted");
        for (var attempt = 1; attempt <= maxAttempts; attempt++)
        {
            await store.MarkInFlightAsync(source, record.SourceId, record.PayloadHash, cancellationToken);
            try
            {
                result = await client.CreateContractContactAsync(payload, cancellationToken);
            }
            catch (NexudusBudgetExhaustedException)
            {
                // The gate refuses before sending, and a POST is retried only after attempts Nexudus certainly did
                // not process: nothing was created, so the record is not in doubt.
                await store.ReleaseUnsentAsync(source, record.SourceId, CancellationToken.None);
                throw;
            }

            if (result.Status != WriteStatus.Ambiguous)
            {
                return await SettleAsync(record, result, PushOutcome.Created, cancellationToken);
            }

            Log.CreateInDoubt(logger, source, record.SourceId, attempt);
            if (await AdoptAsync(record, payload, refresh: true, cancellationToken))
            {
                return PushOutcome.Adopted;
            }
        }

        await store.MarkFailedAsync(source, record.SourceId, result.Reason ?? "The outcome of the create is unknown.", cancellationToken);
        return PushOutcome.Failed;
    }

    private async Task<bool> AdoptAsync(PendingRecord record, ContractContactPayload payload, bool refresh, CancellationToken cancellationToken)
    {
        var existing = await directory.FindAsync(payload, refresh, cancellationToken);
        if (existing is not { } id)
        {
            return false;
        }

        await store.MarkSyncedAsync(source, record.SourceId, id, record.PayloadHash, cancellationToken);
        Log.Adopted(logger, source, record.SourceId, id);
        return true;
    }

    private async Task<PushOutcome> SettleAsync(PendingRecord record, WriteResult result, PushOutcome success, CancellationToken cancellationToken)
    {
        switch (result.Status)
        {
            case WriteStatus.Succeeded:
                await store.MarkSyncedAsync(source, record.SourceId, result.Id!.Value, record.PayloadHash, cancellationToken);
                return success;
            case WriteStatus.Rejected:
                await store.MarkRejectedAsync(source, record.SourceId, record.PayloadHash, result.Reason ?? "Rejected by Nexudus.", cancellationToken);
                Log.RejectedByNexudus(logger, source, record.SourceId);
                return PushOutcome.Rejected;
            default:
                await store.MarkFailedAsync(source, record.SourceId, result.Reason ?? result.Status.ToString(), cancellationToken);
                Log.WriteFailed(logger, source, record.SourceId, result.Status);
                return PushOutcome.Failed;
        }
    }
}
