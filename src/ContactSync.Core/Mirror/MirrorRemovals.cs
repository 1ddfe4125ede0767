using ContactSync.Core.Ingest;
using ContactSync.Core.Ledger;
using ContactSync.Core.Nexudus;
using ContactSync.Core.Runs;
using ContactSync.Core.Sources;
using ContactSync.Core.Sync;
using Microsoft.Extensions.Logging;

namespace ContactSync.Core.Mirror;

/// <summary>
/// The run's last step in Mirror: what a complete read proves gone is removed, within the read's scope and outside
/// the companies it could not read, and only within the removal limits unless an operator confirms.
/// </summary>
internal sealed class MirrorRemovals(MirrorStore records, ILogger logger)
{
    /// <summary>
    /// Mirror: removes the contacts whose records are gone from this run's read, unless there are more than both limits
    /// allow (a source that lost half its rows is far likelier broken than emptied): then none, and the run is held.
    /// </summary>
    public async Task RemoveGoneAsync(
        SourceOptions policy, ReadCoverage coverage, SourceLease lease, ContactRemoval removal, RunTally tally, RunRequest request, int held,
        CancellationToken cancellationToken, CancellationToken calls)
    {
        if (!coverage.Complete)
        {
            RunLogMessages.RemovalsNotProven(logger, lease.RunId, policy.Name, coverage.Scope.ToString());
            return;
        }

        var candidates = await records.RemovalCandidatesAsync(
            policy.Name, lease.RunId, policy.MirrorFound, coverage.ProvenCompanies, coverage.Unread, cancellationToken);
        if (candidates.Count == 0)
        {
            return;
        }

        // A row the source could not read has no key: it may be any of the candidates, so none is removed (not even
        // with --confirm-removals) until every row reads.
        if (tally.Unreadable > 0)
        {
            RunLogMessages.RemovalsBlocked(logger, lease.RunId, policy.Name, candidates.Count, tally.Unreadable);
            tally.Hold(candidates.Count, held, tally.Unreadable);
            return;
        }

        if (!request.ConfirmRemovals && candidates.Count > policy.MaxRemovals && candidates.Count > policy.MaxRemovalShare * held)
        {
            RunLogMessages.RemovalsHeld(logger, lease.RunId, policy.Name, candidates.Count, held);
            tally.Hold(candidates.Count, held, 0);
            return;
        }

        // As the push lanes do: once told to stop, no removal is sent, but one already on the wire finishes (under the
        // calls' token) and its answer settles the record.
        using var window = NexudusSendWindow.ClosesWith(cancellationToken);
        foreach (var record in candidates)
        {
            if (tally.Stopped || cancellationToken.IsCancellationRequested)
            {
                break;
            }

            try
            {
                tally.CountRemoval(await removal.RemoveAsync(record, calls));
            }
            catch (Exception e) when (RunStop.For(e) is { } stop)
            {
                tally.StopWith(stop);
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
    }
}
