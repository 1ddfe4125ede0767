using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using ContactSync.Core.Mapping;
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
    IOptionsMonitor<ContactSyncOptions> options,
    TimeProvider time,
    ILogger<SyncRunner> logger)
{
    private const int BatchSize = 500;

    /// <param name="trigger">What started the run (<c>job</c>, <c>cli</c>), shown with it on the dashboard.</param>
    public async Task<SyncRunSummary> RunAsync(string sourceName, string trigger, CancellationToken cancellationToken)
    {
        var source = sources.Resolve(sourceName);
        var started = time.GetTimestamp();
        var runId = Guid.CreateVersion7(time.GetUtcNow());

        await using var runLock = await SourceRunLock.TryAcquireAsync(dataSource, sourceName, cancellationToken);
        if (runLock is null)
        {
            Log.Skipped(logger, sourceName);
            var skipped = new SyncRunSummary(runId, sourceName, SyncRunOutcome.Skipped, 0, 0, 0, 0, 0, 0, 0, TimeSpan.Zero,
                "Another run of this source was in progress.");
            await runs.StartAsync(runId, sourceName, trigger, cancellationToken);
            await runs.FinishAsync(skipped, cancellationToken);
            return skipped;
        }

        var abandoned = await runs.CloseAbandonedAsync(sourceName, cancellationToken);
        if (abandoned > 0)
        {
            Log.ClosedAbandoned(logger, abandoned, sourceName);
        }

        await runs.StartAsync(runId, sourceName, trigger, cancellationToken);
        Log.RunStarted(logger, runId, sourceName);
        var tally = new Tally();
        string? error = null;
        try
        {
            await IngestAsync(source, runId, tally, cancellationToken);
            await PushAsync(sourceName, runId, tally, cancellationToken);
        }
        catch (Exception ex) when (ex is NexudusUnavailableException or NexudusConfigurationException or SourceUnavailableException)
        {
            error = ex.Message;
        }
        catch (NexudusBudgetExhaustedException ex)
        {
            tally.SpendBudget(ex);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await FinishAsync(sourceName, runId, tally, started, "The run was cancelled (the worker is shutting down); the next run resumes it.");
            throw;
        }

        return await FinishAsync(sourceName, runId, tally, started, error);
    }

    private async Task IngestAsync(IContactSource source, Guid runId, Tally tally, CancellationToken cancellationToken)
    {
        var batch = new List<IngestRow>(BatchSize);
        var unkeyed = new List<(long, string?, string)>();
        var inBatch = new Dictionary<string, long>(StringComparer.Ordinal);
        var mappers = new Mappers(time);
        await foreach (var entry in source.ReadAsync(cancellationToken))
        {
            switch (entry)
            {
                case MalformedEntry malformed:
                    unkeyed.Add((malformed.LineNumber, null, malformed.Reason));
                    break;
                case SourceContact contact:
                    var (row, unkeyedReason) = await MapAsync(contact, mappers, cancellationToken);
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
                await StoreBatchAsync(source.Name, runId, batch, unkeyed, tally, cancellationToken);
                inBatch.Clear();
            }
        }

        await StoreBatchAsync(source.Name, runId, batch, unkeyed, tally, cancellationToken);
        Log.Planned(logger, runId, source.Name, tally.Read + tally.Unkeyed, tally.Unchanged, tally.Unkeyed + tally.MappingRejected, tally.Read - tally.Unchanged - tally.MappingRejected);
    }

    /// <returns>A keyed row for the ledger, or the reason a row without a usable source_id was rejected.</returns>
    private async Task<(IngestRow? Row, string? UnkeyedReason)> MapAsync(SourceContact contact, Mappers mappers, CancellationToken cancellationToken)
    {
        // Countries cost a call (or a cache read) only when some row names one.
        var mapper = string.IsNullOrWhiteSpace(contact.Country)
            ? mappers.WithoutCountries
            : mappers.WithCountries ??= new ContactMapper(await countries.GetAsync(cancellationToken), time);
        switch (mapper.Map(contact))
        {
            case MappedContact mapped:
                var json = PayloadJson.Serialize(mapped.Payload);
                return (new IngestRow(mapped.SourceId, contact.LineNumber, mapped.Payload.CoworkerContractId,
                    (short)mapped.Payload.ContractContactType, json, PayloadJson.Hash(json), null), null);
            case Rejection { SourceId: { } sourceId } rejection:
                return (new IngestRow(sourceId, contact.LineNumber, null, null, null, null, rejection.Reason), null);
            case Rejection rejection:
                return (null, rejection.Reason);
            default:
                throw new InvalidOperationException("Unknown mapping result.");
        }
    }

    private sealed class Mappers(TimeProvider time)
    {
        public ContactMapper WithoutCountries { get; } = new(new CountryMap([]), time);

        public ContactMapper? WithCountries { get; set; }
    }

    private async Task StoreBatchAsync(
        string source, Guid runId, List<IngestRow> batch, List<(long, string?, string)> unkeyed, Tally tally, CancellationToken cancellationToken)
    {
        if (batch.Count > 0)
        {
            var statuses = await records.UpsertAsync(source, runId, batch, cancellationToken);
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
        await runs.AddRejectionsAsync(runId, unkeyed, cancellationToken);
        batch.Clear();
        unkeyed.Clear();
    }

    private async Task PushAsync(string source, Guid runId, Tally tally, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var directory = new ContractDirectory(client, records);
        var pusher = new RecordPusher(client, records, directory, source, settings.MaxAttemptsPerRun, logger);

        // One channel per lane; a contract always goes to the same lane, so its records are pushed one at a time.
        var lanes = Enumerable.Range(0, settings.MaxParallelContracts)
            .Select(_ => Channel.CreateBounded<PendingRecord>(new BoundedChannelOptions(64) { SingleReader = true, SingleWriter = true }))
            .ToArray();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var consumers = lanes.Select(lane => ConsumeAsync(lane.Reader, pusher, tally, stop)).ToArray();
        try
        {
            (int, string)? after = null;
            while (tally.BudgetSpent is null)
            {
                var page = await records.PendingPageAsync(source, runId, after, BatchSize, stop.Token);
                foreach (var record in page)
                {
                    var lane = lanes[(int)((uint)record.CoworkerContractId % (uint)lanes.Length)];
                    await lane.Writer.WriteAsync(record, stop.Token);
                }

                if (page.Count < BatchSize)
                {
                    break;
                }

                after = (page[^1].CoworkerContractId, page[^1].SourceId);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // A lane failed and stopped the others; its error is raised below.
        }
        finally
        {
            foreach (var lane in lanes)
            {
                lane.Writer.TryComplete();
            }
        }

        try
        {
            await Task.WhenAll(consumers);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var cause = consumers.Where(t => t.IsFaulted).Select(t => t.Exception!.InnerException!).FirstOrDefault();
            if (cause is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(cause);
            }

            throw;
        }
    }

    private static async Task ConsumeAsync(ChannelReader<PendingRecord> reader, RecordPusher pusher, Tally tally, CancellationTokenSource stop)
    {
        await Task.Yield();
        try
        {
            await foreach (var record in reader.ReadAllAsync(stop.Token))
            {
                // Once the API budget is spent the lane only drains its queue: the records stay pending for the next
                // run, and the lanes still pushing finish their record instead of being cut off mid-create.
                if (tally.BudgetSpent is not null)
                {
                    continue;
                }

                try
                {
                    tally.Count(await pusher.PushAsync(record, stop.Token));
                }
                catch (NexudusBudgetExhaustedException ex)
                {
                    tally.SpendBudget(ex);
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // One lane's fatal error (Nexudus gone, credentials refused) stops the others.
            await stop.CancelAsync();
            throw;
        }
    }

    private async Task<SyncRunSummary> FinishAsync(string source, Guid runId, Tally tally, long started, string? error)
    {
        // Counted from the ledger, not from memory, so every record of the run lands in exactly one bucket
        // even when the run stopped half way.
        var byStatus = await records.CountByStatusAsync(source, runId, CancellationToken.None);
        var unkeyed = await runs.CountRejectionsAsync(runId, CancellationToken.None);
        var rejected = byStatus.GetValueOrDefault(RecordStatus.Rejected) + unkeyed;
        var failed = byStatus.GetValueOrDefault(RecordStatus.Failed) + byStatus.GetValueOrDefault(RecordStatus.InFlight)
                     + byStatus.GetValueOrDefault(RecordStatus.Pending);
        var synced = byStatus.GetValueOrDefault(RecordStatus.Synced);
        var unchanged = Math.Max(0, synced - tally.Created - tally.Updated - tally.Adopted);
        var outcome = error is not null ? SyncRunOutcome.Aborted
            : tally.BudgetSpent is not null ? SyncRunOutcome.BudgetExhausted
            : rejected + failed > 0 ? SyncRunOutcome.CompletedWithErrors
            : SyncRunOutcome.Succeeded;
        if (tally.BudgetSpent is { } spent)
        {
            var waiting = byStatus.GetValueOrDefault(RecordStatus.Pending) + byStatus.GetValueOrDefault(RecordStatus.Failed);
            error = string.Create(CultureInfo.InvariantCulture, $"{spent.Message} {waiting} record(s) wait for the next run.");
            Log.BudgetExhausted(logger, runId, source, spent.Budget, spent.Limit, spent.FreesAt, waiting);
        }

        var summary = new SyncRunSummary(runId, source, outcome, synced + rejected + failed, tally.Created, tally.Updated,
            tally.Adopted, unchanged, rejected, failed, time.GetElapsedTime(started), error);
        await runs.FinishAsync(summary, CancellationToken.None);
        if (outcome == SyncRunOutcome.Aborted)
        {
            Log.RunAborted(logger, runId, source, error!);
        }

        Log.RunFinished(logger, runId, source, outcome, summary.Created, summary.Updated, summary.Adopted, summary.Unchanged,
            summary.Rejected, summary.Failed, (long)summary.Duration.TotalMilliseconds);
        return summary;
    }

    private sealed class Tally
    {
        private int _created;
        private int _updated;
        private int _adopted;
        private NexudusBudgetExhaustedException? _budgetSpent;

        public int Read { get; set; }
        public int Unchanged { get; set; }
        public int MappingRejected { get; set; }
        public int Unkeyed { get; set; }
        public int Created => _created;
        public int Updated => _updated;
        public int Adopted => _adopted;

        /// <summary>Set when the API budget ran out: the run stops taking records and ends as budget-exhausted.</summary>
        public NexudusBudgetExhaustedException? BudgetSpent => Volatile.Read(ref _budgetSpent);

        public void SpendBudget(NexudusBudgetExhaustedException exhausted)
            => Interlocked.CompareExchange(ref _budgetSpent, exhausted, null);

        public void Count(PushOutcome outcome)
        {
            switch (outcome)
            {
                case PushOutcome.Created: Interlocked.Increment(ref _created); break;
                case PushOutcome.Updated: Interlocked.Increment(ref _updated); break;
                case PushOutcome.Adopted: Interlocked.Increment(ref _adopted); break;
            }
        }
    }
}
