using ContactSync.Core.Ledger;
using ContactSync.Core.Runs;
using ContactSync.Core.Sources;
using Microsoft.Extensions.Logging;

namespace ContactSync.Core.Ingest;

/// <summary>
/// The run's first step: reads and maps its source (<see cref="SourceReader"/>) into the ledger in batches under the
/// run's lease, and keeps the rows rejected before they had a usable key with the run.
/// </summary>
internal sealed class RunIngest(SourceReader reader, IngestStore records, SyncRunStore runs, ILogger logger)
{
    private const int BatchSize = 500;

    public async Task<ReadCoverage> IngestAsync(
        IContactSource source, SourceOptions policy, SourceScope scope, SourceLease lease, RunTally tally, CancellationToken cancellationToken)
    {
        var createOnly = policy.Mode == SyncMode.CreateOnly;
        var batch = new List<IngestRow>(BatchSize);
        var unkeyed = new List<UnkeyedRow>();
        var inBatch = new Dictionary<string, long>(StringComparer.Ordinal);
        var coverage = new ReadCoverage(scope);
        await foreach (var mapped in reader.ReadAsync(source, policy, coverage, cancellationToken))
        {
            if (mapped.Checkpoint is { } checkpoint)
            {
                // Progress the source remembers only once every row before it is in the ledger.
                await StoreBatchAsync(lease, batch, unkeyed, tally, createOnly, cancellationToken);
                inBatch.Clear();
                await checkpoint.CommitAsync(cancellationToken);
                continue;
            }

            if (mapped.Row is not { } row)
            {
                unkeyed.Add(mapped.Unkeyed!);
            }
            else if (inBatch.TryGetValue(row.SourceId, out var firstLine))
            {
                unkeyed.Add(new UnkeyedRow(row.LineNumber, row.SourceId, $"source_id: repeats the source_id of line {firstLine}"));
            }
            else
            {
                inBatch[row.SourceId] = row.LineNumber;
                batch.Add(row);
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
        RunLogMessages.Planned(logger, lease.RunId, source.Name, tally.Read + tally.Unkeyed, tally.Unchanged, tally.Unkeyed + tally.MappingRejected,
            tally.Read - tally.Unchanged - tally.MappingRejected);
        return coverage;
    }

    private async Task StoreBatchAsync(
        SourceLease lease, List<IngestRow> batch, List<UnkeyedRow> unkeyed, RunTally tally, bool createOnly, CancellationToken cancellationToken)
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
                    unkeyed.Add(new UnkeyedRow(row.LineNumber, row.SourceId, "source_id: repeats a source_id seen earlier in this file"));
                    continue;
                }

                tally.Read++;
                if (status == RecordState.Synced)
                {
                    tally.Unchanged++;
                }
                else if (row.NotVerified)
                {
                    tally.NotVerified++;
                }
                else if (row.RejectionReason is not null)
                {
                    tally.MappingRejected++;
                }
            }
        }

        tally.Unkeyed += unkeyed.Count;
        tally.Unreadable += unkeyed.Count(rejection => rejection.CouldBeAnyRecord);
        await runs.AddRejectionsAsync(lease.RunId, unkeyed, cancellationToken);
        batch.Clear();
        unkeyed.Clear();
    }
}
