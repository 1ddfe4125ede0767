using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using ContactSync.Core.State;

namespace ContactSync.Core.Sync;

/// <summary>
/// The push: the run's pending records, page by page, fanned out to lanes. A contract always goes to the same lane,
/// so its records are pushed one at a time. Once the run is told to stop (budget spent, Nexudus refusing, the source
/// lost) every lane finishes its record and takes no more; any other failure stops the others at once and is raised.
/// </summary>
internal sealed class PushLanes(SyncRecordStore records, RecordPusher pusher, int laneCount, int pageSize)
{
    public async Task RunAsync(string source, Guid runId, RunTally tally, CancellationToken cancellationToken)
    {
        var lanes = Enumerable.Range(0, laneCount)
            .Select(_ => Channel.CreateBounded<PendingRecord>(new BoundedChannelOptions(64) { SingleReader = true, SingleWriter = true }))
            .ToArray();
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var consumers = lanes.Select(lane => ConsumeAsync(lane.Reader, tally, failed)).ToArray();
        try
        {
            await FeedAsync(source, runId, lanes, tally, failed, cancellationToken);
        }
        catch
        {
            // The feed failed (the database, the caller's cancellation): stop the lanes and wait for them, so nothing is
            // still settling records when the run closes and gives up its lease.
            await failed.CancelAsync();
            await Task.WhenAll(consumers).ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            throw;
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
                ExceptionDispatchInfo.Throw(cause);
            }

            throw;
        }
    }

    private async Task FeedAsync(
        string source, Guid runId, Channel<PendingRecord>[] lanes, RunTally tally, CancellationTokenSource failed, CancellationToken cancellationToken)
    {
        try
        {
            (int, string)? after = null;
            while (!tally.Stopped)
            {
                var page = await records.PendingPageAsync(source, runId, after, pageSize, failed.Token);
                foreach (var record in page)
                {
                    var lane = lanes[(int)((uint)record.CoworkerContractId % (uint)lanes.Length)];
                    await lane.Writer.WriteAsync(record, failed.Token);
                }

                if (page.Count < pageSize)
                {
                    break;
                }

                after = (page[^1].CoworkerContractId, page[^1].SourceId);
            }
        }
        catch (OperationCanceledException) when (failed.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
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
    }

    private async Task ConsumeAsync(ChannelReader<PendingRecord> reader, RunTally tally, CancellationTokenSource failed)
    {
        await Task.Yield();
        try
        {
            await foreach (var record in reader.ReadAllAsync(failed.Token))
            {
                // Once the run is stopping a lane only drains its queue: the records wait for the next run.
                if (tally.Stopped)
                {
                    continue;
                }

                try
                {
                    tally.Count(await pusher.PushAsync(record, failed.Token));
                }
                catch (Exception e) when (RunStop.For(e) is { } stop)
                {
                    tally.StopWith(stop);
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A failure of its own (the database, a bug) stops the other lanes at once.
            await failed.CancelAsync();
            throw;
        }
    }
}
