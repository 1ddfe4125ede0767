using ContactSync.Core.Ledger;
using ContactSync.Core.Nexudus;
using ContactSync.Core.Nexudus.Model;
using ContactSync.Core.Push;
using ContactSync.Core.Runs;
using ContactSync.Core.Sources;
using Microsoft.Extensions.Logging;

namespace ContactSync.Core.Drift;

/// <summary>The run's check of Nexudus against the ledger, once per <see cref="SourceOptions.ReconcileEvery"/>.</summary>
internal sealed class DriftCheck(INexudusClient client, DriftStore records, TimeProvider time, ILogger logger)
{
    // A drift read that shows more contacts gone than this (and than a tenth of those held) is more likely short than right.
    private const int DriftDeletionsTrusted = 25;

    /// <summary>
    /// People delete and edit contacts in Nexudus. Once per <see cref="SourceOptions.ReconcileEvery"/> the run reads the
    /// account whole (the read matching then uses too) and compares it with what the ledger says it holds: a contact
    /// that is gone, confirmed by its own GET, is shown and placed again (CreateOnly only shows it); one whose mapped
    /// fields differ from what ContactSync last wrote is sent again, so the update meets the edit and the conflict policy
    /// decides (CreateOnly leaves it). A read that shows implausibly many gone is not trusted.
    /// </summary>
    public async Task CheckAsync(SourceOptions policy, SourceLease lease, ContractDirectory directory, CancellationToken cancellationToken)
    {
        var held = await records.SyncedInRunAsync(policy.Name, lease.RunId, cancellationToken);
        if (held.Count == 0)
        {
            // Nothing held, nothing can have drifted: no read spent on it.
            await records.MarkDriftCheckedAsync(policy.Name, cancellationToken);
            return;
        }

        var started = time.GetTimestamp();
        var account = await client.ListAllContractContactsAsync(cancellationToken);
        var listed = account.GroupBy(contact => contact.Id).ToDictionary(group => group.Key, group => group.First());
        var missing = held.Where(record => !listed.ContainsKey(record.NexudusId)).ToList();
        var edited = held
            .Where(record => record.SyncedPayloadJson is not null && listed.TryGetValue(record.NexudusId, out var contact)
                             && ContractContactOverlay.EditedSince(contact, PayloadJson.DeserializeFor(record.SyncedPayloadJson, record.Origin)).Count > 0)
            .Select(record => (record.SourceId, record.NexudusId))
            .ToList();

        var plausible = missing.Count <= Math.Max(DriftDeletionsTrusted, held.Count / 10);
        var deleted = new List<(string, int)>();
        if (plausible)
        {
            // Matching reuses the read, but only a read that can be believed: a short one would hide contacts to link to.
            directory.Prime(account, started);
            foreach (var record in missing)
            {
                if (!await client.ContractContactExistsAsync(record.NexudusId, cancellationToken))
                {
                    deleted.Add((record.SourceId, record.NexudusId));
                }
            }
        }
        else
        {
            RunLogMessages.DriftNotTrusted(logger, policy.Name, missing.Count, held.Count);
        }

        var createOnly = policy.Mode == SyncMode.CreateOnly;
        var markedDeleted = await records.MarkDeletedInNexudusAsync(lease, deleted, createOnly, cancellationToken);
        var markedEdited = createOnly ? 0 : await records.MarkEditedInNexudusAsync(lease, edited, cancellationToken);
        await records.MarkDriftCheckedAsync(policy.Name, cancellationToken);
        RunLogMessages.DriftChecked(logger, policy.Name, held.Count, markedDeleted, createOnly ? "shown as gone" : "placed again", edited.Count,
            createOnly ? "left as they are" : "sent again under the conflict policy");
    }
}
