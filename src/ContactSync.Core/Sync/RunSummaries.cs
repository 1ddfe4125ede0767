using System.Globalization;
using ContactSync.Core.Ledger;
using ContactSync.Core.Runs;
using Microsoft.Extensions.Logging;

namespace ContactSync.Core.Sync;

/// <summary>The run's summary: counted from the ledger (each record in one bucket), its outcome, and the <c>sync_runs</c> row closed.</summary>
internal sealed class RunSummaries(SyncRunStore runs, TimeProvider time, ILogger logger)
{
    /// <summary>How long a record's history (its attempts and changes of state, on its dashboard page) is kept.</summary>
    public static readonly TimeSpan HistoryKept = TimeSpan.FromDays(90);

    public async Task<SyncRunSummary> FinishAsync(SourceLease lease, RunTally tally, long started, Telemetry.RunMeter meter, bool cancelled)
    {
        var (source, runId) = (lease.Source, lease.RunId);
        var stop = tally.Stop;
        SyncRunSummary summary;
        if (stop?.Kind == RunStopKind.LeaseLost)
        {
            // Another run may have read the source since: the ledger's view of "this run's records" is no longer this
            // run's alone, so the counts are what this run itself did.
            var total = tally.Read + tally.Unkeyed;
            var rejected = tally.MappingRejected + tally.Unkeyed + tally.NexudusRejected;
            var done = tally.Created + tally.Updated + tally.Adopted + tally.Linked + tally.Unchanged + rejected + tally.NotVerified;
            // A removal's record is not among those read: one that failed is counted on its own, once.
            var failed = Math.Max(0, total - done) + tally.RemovalsFailed;
            summary = new SyncRunSummary(runId, source, RunOutcome.LeaseLost, total + tally.RemovalsFailed, tally.Created, tally.Updated,
                tally.Adopted, tally.Linked, tally.Unchanged, rejected, failed, time.GetElapsedTime(started),
                $"{stop.Message}. It stopped claiming records; the run that holds the source now carries on with the rest.")
            {
                Removed = tally.Removed,
                Conflicts = tally.Conflicts,
                Unverified = tally.NotVerified,
            };
            RunLogMessages.LeaseLost(logger, runId, source, stop.Message);
        }
        else
        {
            summary = await CountFromLedgerAsync(source, runId, tally, started, cancelled);
        }

        summary = summary with { NexudusReads = meter.Reads, NexudusWrites = meter.Writes, BudgetWaited = meter.Waited };
        await runs.FinishAsync(summary, CancellationToken.None);
        await runs.PruneHistoryAsync(HistoryKept, CancellationToken.None);
        if (summary.Outcome == RunOutcome.Aborted)
        {
            RunLogMessages.RunAborted(logger, runId, source, summary.Error!);
        }

        RunLogMessages.RunFinished(logger, runId, source, summary.Outcome, summary.Created, summary.Updated, summary.Adopted, summary.Linked, summary.Unchanged,
            summary.Rejected, summary.Failed, (long)summary.Duration.TotalMilliseconds);
        Telemetry.ContactSyncMetrics.RunEnded(source, summary.Duration,
        [
            ("created", summary.Created), ("updated", summary.Updated), ("adopted", summary.Adopted), ("linked", summary.Linked),
            ("unchanged", summary.Unchanged), (RecordState.Rejected, summary.Rejected), (RecordState.Failed, summary.Failed),
            (RecordState.Removed, summary.Removed), (RecordState.Unverified, summary.Unverified),
        ]);
        return summary;
    }

    private async Task<SyncRunSummary> CountFromLedgerAsync(string source, Guid runId, RunTally tally, long started, bool cancelled)
    {
        // Counted from the ledger, not from memory, so every record of the run lands in exactly one bucket even when
        // the run stopped half way. A record Mirror tried to remove is the run's too (its claim made it so): one whose
        // removal was refused or failed is failed here, one removed or let go is in none of these buckets.
        var byStatus = await runs.CountByStatusAsync(source, runId, CancellationToken.None);
        var unkeyed = await runs.CountRejectionsAsync(runId, CancellationToken.None);
        // A conflict kept for an operator, or a contact deleted in Nexudus that CreateOnly leaves gone, waits like a
        // rejection for the data or an operator to change.
        var rejected = byStatus.GetValueOrDefault(RecordState.Rejected) + byStatus.GetValueOrDefault(RecordState.Conflict)
                       + byStatus.GetValueOrDefault(RecordState.Gone) + unkeyed;
        var failed = byStatus.GetValueOrDefault(RecordState.Failed) + byStatus.GetValueOrDefault(RecordState.InFlight)
                     + byStatus.GetValueOrDefault(RecordState.Pending);
        var synced = byStatus.GetValueOrDefault(RecordState.Synced);
        // Held by the source unverified: nothing sent, and neither a rejection nor a failure.
        var unverified = byStatus.GetValueOrDefault(RecordState.Unverified);
        var unchanged = Math.Max(0, synced - tally.Created - tally.Updated - tally.Adopted - tally.Linked);
        var stop = tally.Stop;
        var (outcome, reason, error) = (cancelled, stop?.Kind) switch
        {
            (true, _) => (RunOutcome.Aborted, AbortReason.Cancelled,
                "The run was cancelled (the worker is shutting down); the next run resumes it."),
            (_, RunStopKind.NexudusConfiguration) => (RunOutcome.Aborted, AbortReason.NexudusConfiguration, stop!.Message),
            (_, RunStopKind.NexudusUnavailable) => (RunOutcome.Aborted, AbortReason.NexudusUnavailable, stop!.Message),
            (_, RunStopKind.SourceConfiguration) => (RunOutcome.Aborted, AbortReason.SourceConfiguration, stop!.Message),
            (_, RunStopKind.SourceUnavailable) => (RunOutcome.Aborted, AbortReason.SourceUnavailable, stop!.Message),
            // Nexudus's budget is described below; a source's (a CRM's daily limit) by its own message.
            (_, RunStopKind.BudgetExhausted) => (RunOutcome.BudgetExhausted, AbortReason.None, stop!.Budget is null ? stop.Message : null),
            _ when tally.HeldRemovals is { Unreadable: > 0 } blocked => (RunOutcome.Held, AbortReason.None, string.Create(CultureInfo.InvariantCulture,
                $"Held: {blocked.Unreadable} row(s) of the source could not be read by key, so which of the {blocked.Removals} records gone from it are really gone is unknown; nothing was removed. Fix those rows (see the run's rejections) and the next run removes what is gone")),
            _ when tally.HeldRemovals is { } hold => (RunOutcome.Held, AbortReason.None, string.Create(CultureInfo.InvariantCulture,
                $"Held: the source no longer has {hold.Removals} of the {hold.Held} records whose contacts Mirror would remove, more than MaxRemovals and MaxRemovalShare allow; nothing was removed. If that is right, run: sync-once --source {source} --confirm-removals")),
            _ => (rejected + failed > 0 ? RunOutcome.CompletedWithErrors : RunOutcome.Succeeded, AbortReason.None, (string?)null),
        };
        if (stop?.Budget is { } spent)
        {
            var waiting = byStatus.GetValueOrDefault(RecordState.Pending) + byStatus.GetValueOrDefault(RecordState.Failed);
            error = string.Create(CultureInfo.InvariantCulture, $"{spent.Message} {waiting} record(s) wait for the next run.");
            RunLogMessages.BudgetExhausted(logger, runId, source, spent.Budget, spent.Limit, spent.FreesAt, waiting);
        }

        return new SyncRunSummary(runId, source, outcome, synced + rejected + failed + unverified, tally.Created, tally.Updated,
            tally.Adopted, tally.Linked, unchanged, rejected, failed, time.GetElapsedTime(started), error, reason)
        {
            Removed = tally.Removed,
            Conflicts = tally.Conflicts,
            Unverified = unverified,
        };
    }
}
