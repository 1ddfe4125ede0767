using ContactSync.Core.Contracts;
using ContactSync.Core.Drift;
using ContactSync.Core.Ingest;
using ContactSync.Core.Ledger;
using ContactSync.Core.Mirror;
using ContactSync.Core.Nexudus;
using ContactSync.Core.Nexudus.Budget;
using ContactSync.Core.Push;
using ContactSync.Core.Runs;
using ContactSync.Core.Sources;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ContactSync.Core.Sync;

/// <summary>
/// One pass over one source, along the architecture's boxes: read and map into the ledger (<see cref="RunIngest"/>),
/// check Nexudus for drift when due (<see cref="DriftCheck"/>), push what changed one writer per contract
/// (<see cref="PushLanes"/>), remove what a complete read proves gone (<see cref="MirrorRemovals"/>), and sum up
/// (<see cref="RunSummaries"/>). Used by the Hangfire job and by <c>sync-once</c>; at most one run per source runs at
/// a time across every replica.
/// </summary>
public sealed class SyncRunner(
    NpgsqlDataSource dataSource,
    SourceResolver sources,
    CountryCache countries,
    ContractResolver contracts,
    INexudusClient client,
    IngestStore ingestStore,
    ClaimStore claims,
    ContactSettlements settlements,
    PlacementStore placement,
    DriftStore drift,
    MirrorStore mirror,
    SyncRunStore runs,
    NexudusBudgetWaits budgetWaits,
    IOptionsMonitor<ContactSyncOptions> options,
    TimeProvider time,
    ILogger<SyncRunner> logger)
{
    private const int BatchSize = 500;

    /// <param name="trigger">What started the run (<c>job</c>, <c>cli</c>, <c>stream</c>), shown with it on the dashboard.</param>
    public async Task<SyncRunSummary> RunAsync(string sourceName, string trigger, CancellationToken cancellationToken, RunRequest? request = null)
    {
        request ??= RunRequest.Default;
        var source = sources.Resolve(sourceName);
        var policy = sources.Options(sourceName);
        var started = time.GetTimestamp();
        var runId = Guid.CreateVersion7(time.GetUtcNow());
        var settings = options.CurrentValue;
        var summaries = new RunSummaries(runs, time, logger);

        await using var lease = await SourceLease.TryAcquireAsync(dataSource, sourceName, runId, settings.RunLease, time, logger, cancellationToken);
        if (lease is null)
        {
            RunLogMessages.Skipped(logger, sourceName);
            var skipped = new SyncRunSummary(runId, sourceName, RunOutcome.Skipped, 0, 0, 0, 0, 0, 0, 0, 0, TimeSpan.Zero,
                "Another run of this source was in progress.");
            await runs.RecordSkippedAsync(skipped, trigger, cancellationToken);
            return skipped;
        }

        var abandoned = await runs.CloseAbandonedAsync(sourceName, cancellationToken);
        if (abandoned > 0)
        {
            RunLogMessages.ClosedAbandoned(logger, abandoned, sourceName);
        }

        await runs.StartAsync(runId, sourceName, trigger, request.JobId, cancellationToken);
        var waitsAtStart = budgetWaits.Snapshot();
        using var metering = Telemetry.RunMeter.Begin(out var meter);
        RunLogMessages.RunStarted(logger, runId, sourceName);
        var tally = new RunTally();

        // The lease is renewed in the background; the moment it cannot be trusted the lanes stop taking records (and
        // every claim they might still try is refused by the database anyway).
        using var onLost = lease.Lost.Register(
            () => tally.StopWith(new RunStop(RunStopKind.LeaseLost, new SourceLeaseLostException(lease.Source, lease.RunId, lease.LostReason).Message)));
        try
        {
            var ingest = new RunIngest(new SourceReader(countries, contracts, time), ingestStore, runs, logger);
            var coverage = await ingest.IngestAsync(source, policy, request.Scope, lease, tally, cancellationToken);
            if (!coverage.Complete && request.Scope.IsAll && !tally.Stopped)
            {
                // An incremental read yields only what changed: what earlier runs left waiting is tried again too.
                await ingestStore.CarryOverAsync(lease, cancellationToken);
            }

            await runs.MarkReadAsync(runId, cancellationToken);

            if (!tally.Stopped)
            {
                // Counted before the push, as a dry run counts it: what this run creates must not widen the removal limit.
                // Within what the read proves: a run of one company is held by that company's contacts, not the source's.
                var heldBefore = policy.Mode == SyncMode.Mirror ? await mirror.HeldContactsAsync(sourceName, coverage.ProvenCompanies, cancellationToken) : 0;
                var directory = new ContractDirectory(client, placement, time, await ReadWholeAccountAsync(sourceName, runId, cancellationToken));
                // The check compares the records this run read: a run of some companies, or an incremental read (only what
                // changed), must not stand in for the source's check, which waits for the next complete read.
                if (request.Scope.IsAll && coverage.Complete && await drift.DriftCheckDueAsync(sourceName, policy.ReconcileEvery, cancellationToken))
                {
                    await new DriftCheck(client, drift, time, logger).CheckAsync(policy, lease, directory, cancellationToken);
                }

                var pusher = new RecordPusher(client, claims, settlements, placement, directory, lease, policy, new SourceRanking(settings.Sources), logger);
                using var calls = StopGrace.After(cancellationToken, settings.StopGrace, time);
                await new PushLanes(claims, pusher, settings.MaxParallelContracts, BatchSize).RunAsync(sourceName, runId, tally, cancellationToken, calls.Token);

                // Removals only after a read that was complete and a push that ran to its end.
                if (policy.Mode == SyncMode.Mirror && !tally.Stopped)
                {
                    await new MirrorRemovals(mirror, logger).RemoveGoneAsync(policy, coverage, lease, new ContactRemoval(client, claims, settlements, placement, lease, logger), tally, request, heldBefore, cancellationToken, calls.Token);
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
            await summaries.FinishAsync(lease, tally, started, meter, cancelled: true);
            throw;
        }

        ReportBudgetWaits(lease, waitsAtStart);
        return await summaries.FinishAsync(lease, tally, started, meter, cancelled: false);
    }

    /// <summary>Once a run: how often its calls (and any run beside it in this process) waited for the API budget.</summary>
    private void ReportBudgetWaits(SourceLease lease, (long Count, TimeSpan Total) atStart)
    {
        var (count, total) = budgetWaits.Snapshot();
        if (count > atStart.Count)
        {
            RunLogMessages.WaitedForBudget(logger, lease.RunId, lease.Source, count - atStart.Count, (long)(total - atStart.Total).TotalSeconds);
        }
    }

    /// <summary>Whether matching reads the account whole or contract by contract (<see cref="ContractDirectory.ShouldReadWholeAccount"/>).</summary>
    private async Task<bool> ReadWholeAccountAsync(string source, Guid runId, CancellationToken cancellationToken)
    {
        var (contractsToMatch, held) = await placement.MatchingWorkAsync(source, runId, cancellationToken);
        return ContractDirectory.ShouldReadWholeAccount(contractsToMatch, held);
    }
}
