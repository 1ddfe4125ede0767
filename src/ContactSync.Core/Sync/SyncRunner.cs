using System.Globalization;
using ContactSync.Core.Budget;
using ContactSync.Core.Nexudus;
using ContactSync.Core.Sources;
using ContactSync.Core.State;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ContactSync.Core.Sync;

/// <summary>
/// One pass over one source: read and map every row into the ledger (plan), then push what changed, one
/// writer per contract. Used by the Hangfire job and by <c>sync-once</c>; at most one run per source runs at
/// a time across every replica.
/// </summary>
public sealed class SyncRunner(
    NpgsqlDataSource dataSource,
    SourceResolver sources,
    CountryCache countries,
    INexudusClient client,
    SyncRecordStore records,
    SyncRunStore runs,
    NexudusBudgetWaits budgetWaits,
    IOptionsMonitor<ContactSyncOptions> options,
    TimeProvider time,
    ILogger<SyncRunner> logger)
{
    private const int BatchSize = 500;

    // A drift read that shows more contacts gone than this (and than a tenth of those held) is more likely short than right.
    private const int DriftDeletionsTrusted = 25;

    /// <param name="trigger">What started the run (<c>job</c>, <c>cli</c>), shown with it on the dashboard.</param>
    public async Task<SyncRunSummary> RunAsync(string sourceName, string trigger, CancellationToken cancellationToken, RunRequest? request = null)
    {
        request ??= RunRequest.Default;
        var source = sources.Resolve(sourceName);
        var policy = sources.Options(sourceName);
        var started = time.GetTimestamp();
        var runId = Guid.CreateVersion7(time.GetUtcNow());
        var settings = options.CurrentValue;

        await using var lease = await SourceLease.TryAcquireAsync(dataSource, sourceName, runId, settings.RunLease, time, logger, cancellationToken);
        if (lease is null)
        {
            Log.Skipped(logger, sourceName);
            var skipped = new SyncRunSummary(runId, sourceName, SyncRunOutcome.Skipped, 0, 0, 0, 0, 0, 0, 0, 0, TimeSpan.Zero,
                "Another run of this source was in progress.");
            await runs.RecordSkippedAsync(skipped, trigger, cancellationToken);
            return skipped;
        }

        var abandoned = await runs.CloseAbandonedAsync(sourceName, cancellationToken);
        if (abandoned > 0)
        {
            Log.ClosedAbandoned(logger, abandoned, sourceName);
        }

        await runs.StartAsync(runId, sourceName, trigger, cancellationToken);
        var waitsAtStart = budgetWaits.Snapshot();
        Log.RunStarted(logger, runId, sourceName);
        var tally = new RunTally();

        // The lease is renewed in the background; the moment it cannot be trusted the lanes stop taking records (and
        // every claim they might still try is refused by the database anyway).
        using var onLost = lease.Lost.Register(
            () => tally.StopWith(new RunStop(RunStopKind.LockLost, new SourceLeaseLostException(lease.Source, lease.RunId, lease.LostReason).Message)));
        try
        {
            await IngestAsync(source, lease, tally, policy.Mode == SyncMode.CreateOnly, cancellationToken);
            if (!tally.Stopped)
            {
                // Counted before the push, as a dry run counts it: what this run creates must not widen the removal limit.
                var heldBefore = policy.Mode == SyncMode.Mirror ? await records.HeldContactsAsync(sourceName, cancellationToken) : 0;
                var directory = new ContractDirectory(client, records, time, await ReadWholeAccountAsync(sourceName, runId, cancellationToken));
                if (await records.DriftCheckDueAsync(sourceName, policy.ReconcileEvery, cancellationToken))
                {
                    await CheckDriftAsync(policy, lease, directory, cancellationToken);
                }

                var pusher = new RecordPusher(client, records, directory, lease, policy, logger);
                await new PushLanes(records, pusher, settings.MaxParallelContracts, BatchSize).RunAsync(sourceName, runId, tally, cancellationToken);

                // Removals only after a read that was complete and a push that ran to its end.
                if (policy.Mode == SyncMode.Mirror && !tally.Stopped)
                {
                    await RemoveGoneAsync(policy, lease, pusher, tally, request, heldBefore, cancellationToken);
                }
            }
        }
        catch (Exception e) when (RunStop.For(e) is { } stop)
        {
            tally.StopWith(stop);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            ReportBudgetWaits(lease, waitsAtStart);
            await FinishAsync(lease, tally, started, cancelled: true);
            throw;
        }

        ReportBudgetWaits(lease, waitsAtStart);
        return await FinishAsync(lease, tally, started, cancelled: false);
    }

    /// <summary>Once a run: how often its calls (and any run beside it in this process) waited for the API budget.</summary>
    private void ReportBudgetWaits(SourceLease lease, (long Count, TimeSpan Total) atStart)
    {
        var (count, total) = budgetWaits.Snapshot();
        if (count > atStart.Count)
        {
            Log.WaitedForBudget(logger, lease.RunId, lease.Source, count - atStart.Count, (long)(total - atStart.Total).TotalSeconds);
        }
    }

    /// <summary>Whether matching reads the account whole or contract by contract (<see cref="ContractDirectory.ShouldReadWholeAccount"/>).</summary>
    private async Task<bool> ReadWholeAccountAsync(string source, Guid runId, CancellationToken cancellationToken)
    {
        var (contracts, held) = await records.MatchingWorkAsync(source, runId, cancellationToken);
        return ContractDirectory.ShouldReadWholeAccount(contracts, held);
    }

    /// <summary>
    /// People delete and edit contacts in Nexudus. Once per <see cref="SourceOptions.ReconcileEvery"/> the run reads the
    /// account whole (the read matching then uses too) and compares it with what the ledger says it holds: a contact
    /// that is gone, confirmed by its own GET, is shown and placed again (CreateOnly only shows it); one whose mapped
    /// fields differ from what ContactSync last wrote is sent again, so the update meets the edit and the conflict policy
    /// decides (CreateOnly leaves it). A read that shows implausibly many gone is not trusted.
    /// </summary>
    private async Task CheckDriftAsync(SourceOptions policy, SourceLease lease, ContractDirectory directory, CancellationToken cancellationToken)
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
                             && ContractContactOverlay.EditedSince(contact, PayloadJson.Deserialize(record.SyncedPayloadJson)).Count > 0)
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
            Log.DriftNotTrusted(logger, policy.Name, missing.Count, held.Count);
        }

        var createOnly = policy.Mode == SyncMode.CreateOnly;
        var markedDeleted = await records.MarkDeletedInNexudusAsync(lease, deleted, createOnly, cancellationToken);
        var markedEdited = createOnly ? 0 : await records.MarkEditedInNexudusAsync(lease, edited, cancellationToken);
        await records.MarkDriftCheckedAsync(policy.Name, cancellationToken);
        Log.DriftChecked(logger, policy.Name, held.Count, markedDeleted, createOnly ? "shown as gone" : "placed again", edited.Count,
            createOnly ? "left as they are" : "sent again under the conflict policy");
    }

    /// <summary>
    /// Mirror: removes the contacts whose records are gone from this run's read, unless there are more than both limits
    /// allow (a source that lost half its rows is far likelier broken than emptied): then none, and the run is held.
    /// </summary>
    private async Task RemoveGoneAsync(
        SourceOptions policy, SourceLease lease, RecordPusher pusher, RunTally tally, RunRequest request, int held, CancellationToken cancellationToken)
    {
        var candidates = await records.RemovalCandidatesAsync(policy.Name, lease.RunId, policy.MirrorFound, cancellationToken);
        if (candidates.Count == 0)
        {
            return;
        }

        // A row the source could not read has no key: it may be any of the candidates, so none is removed (not even
        // with --confirm-removals) until every row reads.
        if (tally.Unreadable > 0)
        {
            Log.RemovalsBlocked(logger, lease.RunId, policy.Name, candidates.Count, tally.Unreadable);
            tally.Hold(candidates.Count, held, tally.Unreadable);
            return;
        }

        if (!request.ConfirmRemovals && candidates.Count > policy.MaxRemovals && candidates.Count > policy.MaxRemovalShare * held)
        {
            Log.RemovalsHeld(logger, lease.RunId, policy.Name, candidates.Count, held);
            tally.Hold(candidates.Count, held, 0);
            return;
        }

        foreach (var record in candidates)
        {
            if (tally.Stopped)
            {
                return;
            }

            try
            {
                tally.Count(await pusher.RemoveAsync(record, cancellationToken));
            }
            catch (Exception e) when (RunStop.For(e) is { } stop)
            {
                tally.StopWith(stop);
            }
        }
    }

    private async Task IngestAsync(IContactSource source, SourceLease lease, RunTally tally, bool createOnly, CancellationToken cancellationToken)
    {
        var batch = new List<IngestRow>(BatchSize);
        var unkeyed = new List<(long, string?, string)>();
        var inBatch = new Dictionary<string, long>(StringComparer.Ordinal);
        var mapper = new RowMapper(countries, time);
        await foreach (var entry in source.ReadAsync(cancellationToken))
        {
            switch (entry)
            {
                case MalformedEntry malformed:
                    unkeyed.Add((malformed.LineNumber, null, malformed.Reason));
                    break;
                case SourceContact contact:
                    var (row, unkeyedReason) = await mapper.MapAsync(contact, cancellationToken);
                    if (row is null)
                    {
                        unkeyed.Add((contact.LineNumber, null, unkeyedReason!));
                    }
                    else if (inBatch.TryGetValue(row.SourceId, out var firstLine))
                    {
                        unkeyed.Add((contact.LineNumber, row.SourceId, $"source_id: repeats the source_id of line {firstLine}"));
                    }
                    else
                    {
                        inBatch[row.SourceId] = row.LineNumber;
                        batch.Add(row);
                    }

                    break;
            }

            // Rows without a usable source_id count towards the batch too: a source that is mostly such rows
            // (a damaged export) must not collect them all in memory before the first write.
            if (batch.Count + unkeyed.Count >= BatchSize)
            {
                await StoreBatchAsync(lease, batch, unkeyed, tally, createOnly, cancellationToken);
                inBatch.Clear();
            }
        }

        await StoreBatchAsync(lease, batch, unkeyed, tally, createOnly, cancellationToken);
        Log.Planned(logger, lease.RunId, source.Name, tally.Read + tally.Unkeyed, tally.Unchanged, tally.Unkeyed + tally.MappingRejected, tally.Read - tally.Unchanged - tally.MappingRejected);
    }

    private async Task StoreBatchAsync(
        SourceLease lease, List<IngestRow> batch, List<(long, string?, string)> unkeyed, RunTally tally, bool createOnly, CancellationToken cancellationToken)
    {
        if (lease.IsLost)
        {
            throw new SourceLeaseLostException(lease.Source, lease.RunId, lease.LostReason);
        }

        if (batch.Count > 0)
        {
            var statuses = await records.UpsertAsync(lease, batch, cancellationToken, createOnly);
            foreach (var row in batch)
            {
                if (!statuses.TryGetValue(row.SourceId, out var status))
                {
                    unkeyed.Add((row.LineNumber, row.SourceId, "source_id: repeats a source_id seen earlier in this file"));
                    continue;
                }

                tally.Read++;
                if (status == RecordStatus.Synced)
                {
                    tally.Unchanged++;
                }
                else if (row.RejectionReason is not null)
                {
                    tally.MappingRejected++;
                }
            }
        }

        tally.Unkeyed += unkeyed.Count;
        tally.Unreadable += unkeyed.Count(rejection => rejection.Item2 is null);
        await runs.AddRejectionsAsync(lease.RunId, unkeyed, cancellationToken);
        batch.Clear();
        unkeyed.Clear();
    }

    private async Task<SyncRunSummary> FinishAsync(SourceLease lease, RunTally tally, long started, bool cancelled)
    {
        var (source, runId) = (lease.Source, lease.RunId);
        var stop = tally.Stop;
        SyncRunSummary summary;
        if (stop?.Kind == RunStopKind.LockLost)
        {
            // Another run may have read the source since: the ledger's view of "this run's records" is no longer this
            // run's alone, so the counts are what this run itself did.
            var total = tally.Read + tally.Unkeyed;
            var rejected = tally.MappingRejected + tally.Unkeyed + tally.NexudusRejected;
            var done = tally.Created + tally.Updated + tally.Adopted + tally.Linked + tally.Unchanged + rejected;
            summary = new SyncRunSummary(runId, source, SyncRunOutcome.LockLost, total, tally.Created, tally.Updated, tally.Adopted, tally.Linked,
                tally.Unchanged, rejected, Math.Max(0, total - done), time.GetElapsedTime(started),
                $"{stop.Message}. It stopped claiming records; the run that holds the source now carries on with the rest.")
            {
                Removed = tally.Removed,
                Conflicts = tally.Conflicts,
            };
            Log.LockLost(logger, runId, source, stop.Message);
        }
        else
        {
            summary = await CountFromLedgerAsync(source, runId, tally, started, cancelled);
        }

        await runs.FinishAsync(summary, CancellationToken.None);
        if (summary.Outcome == SyncRunOutcome.Aborted)
        {
            Log.RunAborted(logger, runId, source, summary.Error!);
        }

        Log.RunFinished(logger, runId, source, summary.Outcome, summary.Created, summary.Updated, summary.Adopted, summary.Linked, summary.Unchanged,
            summary.Rejected, summary.Failed, (long)summary.Duration.TotalMilliseconds);
        return summary;
    }

    private async Task<SyncRunSummary> CountFromLedgerAsync(string source, Guid runId, RunTally tally, long started, bool cancelled)
    {
        // Counted from the ledger, not from memory, so every record of the run lands in exactly one bucket even when
        // the run stopped half way.
        var byStatus = await records.CountByStatusAsync(source, runId, CancellationToken.None);
        var unkeyed = await runs.CountRejectionsAsync(runId, CancellationToken.None);
        // A conflict kept for an operator, or a contact deleted in Nexudus that CreateOnly leaves gone, waits like a
        // rejection for the data or an operator to change.
        var rejected = byStatus.GetValueOrDefault(RecordStatus.Rejected) + byStatus.GetValueOrDefault(RecordStatus.Conflict)
                       + byStatus.GetValueOrDefault(RecordStatus.Gone) + unkeyed;
        var failed = byStatus.GetValueOrDefault(RecordStatus.Failed) + byStatus.GetValueOrDefault(RecordStatus.InFlight)
                     + byStatus.GetValueOrDefault(RecordStatus.Pending);
        var synced = byStatus.GetValueOrDefault(RecordStatus.Synced);
        var unchanged = Math.Max(0, synced - tally.Created - tally.Updated - tally.Adopted - tally.Linked);
        var stop = tally.Stop;
        var (outcome, reason, error) = (cancelled, stop?.Kind) switch
        {
            (true, _) => (SyncRunOutcome.Aborted, AbortReason.Cancelled,
                "The run was cancelled (the worker is shutting down); the next run resumes it."),
            (_, RunStopKind.NexudusConfiguration) => (SyncRunOutcome.Aborted, AbortReason.NexudusConfiguration, stop!.Message),
            (_, RunStopKind.NexudusUnavailable) => (SyncRunOutcome.Aborted, AbortReason.NexudusUnavailable, stop!.Message),
            (_, RunStopKind.SourceUnavailable) => (SyncRunOutcome.Aborted, AbortReason.SourceUnavailable, stop!.Message),
            (_, RunStopKind.BudgetExhausted) => (SyncRunOutcome.BudgetExhausted, AbortReason.None, (string?)null),
            _ when tally.HeldRemovals is { Unreadable: > 0 } blocked => (SyncRunOutcome.Held, AbortReason.None, string.Create(CultureInfo.InvariantCulture,
                $"Held: {blocked.Unreadable} row(s) of the source could not be read by key, so which of the {blocked.Removals} records gone from it are really gone is unknown; nothing was removed. Fix those rows (see the run's rejections) and the next run removes what is gone")),
            _ when tally.HeldRemovals is { } hold => (SyncRunOutcome.Held, AbortReason.None, string.Create(CultureInfo.InvariantCulture,
                $"Held: the source no longer has {hold.Removals} of the {hold.Held} records whose contacts Mirror would remove, more than MaxRemovals and MaxRemovalShare allow; nothing was removed. If that is right, run: sync-once --source {source} --confirm-removals")),
            _ => (rejected + failed > 0 ? SyncRunOutcome.CompletedWithErrors : SyncRunOutcome.Succeeded, AbortReason.None, (string?)null),
        };
        if (stop?.Budget is { } spent)
        {
            var waiting = byStatus.GetValueOrDefault(RecordStatus.Pending) + byStatus.GetValueOrDefault(RecordStatus.Failed);
            error = string.Create(CultureInfo.InvariantCulture, $"{spent.Message} {waiting} record(s) wait for the next run.");
            Log.BudgetExhausted(logger, runId, source, spent.Budget, spent.Limit, spent.FreesAt, waiting);
        }

        return new SyncRunSummary(runId, source, outcome, synced + rejected + failed, tally.Created, tally.Updated,
            tally.Adopted, tally.Linked, unchanged, rejected, failed, time.GetElapsedTime(started), error, reason)
        {
            Removed = tally.Removed,
            Conflicts = tally.Conflicts,
        };
    }
}
