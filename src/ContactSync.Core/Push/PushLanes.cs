using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using ContactSync.Core.Ledger;
using ContactSync.Core.Nexudus;
using ContactSync.Core.Runs;

namespace ContactSync.Core.Push;

/// <summary>
/// The push: the run's pending records, page by page, fanned out to lanes. A contract always goes to the same lane,
/// so its records are pushed one at a time. Once the run is told to stop (budget spent, Nexudus refusing, the source
/// lost, the worker shutting down) every lane finishes its record and takes no more; any other failure stops the others
/// at once and is raised. On a shutdown nothing new is sent, but a call already on the wire is let finish, within the
/// grace the caller gives, so that its answer is settled rather than left in doubt.
/// </summary>
internal sealed class PushLanes(ClaimStore records, RecordPusher pusher, int laneCount, int pageSize)
{
    /// <param name="stopping">The run is to stop: no record is taken and no call sent after it, but calls already on the wire finish.</param>
    /// <param name="calls">Cuts even the calls on the wire short: the shutdown's grace is nearly spent.</param>
    public async Task RunAsync(string source, Guid runId, RunTally tally, CancellationToken stopping, CancellationToken calls)
    {
        var lanes = Enumerable.Range(0, laneCount)
            .Select(_ => Channel.CreateBounded<PendingRecord>(new BoundedChannelOptions(64) { SingleReader = true, SingleWriter = true }))
            .ToArray();
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(calls);
        // Set before the lanes start, so that every call they make sees it.
        using var window = NexudusSendWindow.ClosesWith(stopping);
        var consumers = lanes.Select(lane => ConsumeAsync(lane.Reader, tally, stopping, failed)).ToArray();
        try
        {
            await FeedAsync(source, runId, lanes, tally, failed, stopping, calls);
        }
        catch
        {
            // The feed failed (the database, the calls cut short): stop the lanes and wait for them, so nothing is still
            // settling records when the run closes and gives up its lease.
            await failed.CancelAsync();
            await Task.WhenAll(consumers).ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            throw;
        }

        try
        {
            await Task.WhenAll(consumers);
        }
        catch (OperationCanceledException) when (!calls.IsCancellationRequested)
        {
            var cause = consumers.Where(t => t.IsFaulted).Select(t => t.Exception!.InnerException!).FirstOrDefault();
            if (cause is not null)
            {
                ExceptionDispatchInfo.Throw(cause);
            }

            throw;
        }

        // Told to stop: the calls that were on the wire are settled; the records not taken wait for the next run.
        stopping.ThrowIfCancellationRequested();
    }

    private async Task FeedAsync(
        string source, Guid runId, Channel<PendingRecord>[] lanes, RunTally tally, CancellationTokenSource failed, CancellationToken stopping,
        CancellationToken calls)
    {
        using var feeding = CancellationTokenSource.CreateLinkedTokenSource(failed.Token, stopping);
        try
        {
            (int, string)? after = null;
            while (!tally.Stopped && !stopping.IsCancellationRequested)
            {
                var page = await records.PendingPageAsync(source, runId, after, pageSize, feeding.Token);
                foreach (var record in page)
                {
                    var lane = lanes[(int)((uint)record.CoworkerContractId % (uint)lanes.Length)];
                    await lane.Writer.WriteAsync(record, feeding.Token);
                }

                if (page.Count < pageSize)
                {
                    break;
                }

                after = (page[^1].CoworkerContractId, page[^1].SourceId);
            }
        }
        catch (OperationCanceledException) when (feeding.IsCancellationRequested && !calls.IsCancellationRequested)
        {
            // A lane failed and stopped the others (its error is raised below), or the run is stopping and the lanes
            // finish the records they are on.
        }
        finally
        {
            foreach (var lane in lanes)
            {
                lane.Writer.TryComplete();
            }
        }
    }

    private async Task ConsumeAsync(ChannelReader<PendingRecord> reader, RunTally tally, CancellationToken stopping, CancellationTokenSource failed)
    {
        await Task.Yield();
        try
        {
            await foreach (var record in reader.ReadAllAsync(failed.Token))
            {
                // Once the run is stopping a lane only drains its queue: the records wait for the next run.
                if (tally.Stopped || stopping.IsCancellationRequested)
                {
                    continue;
                }

                try
                {
                    // Under the calls' token, not the stopping one: a call already sent is let finish, so its answer settles
                    // the record instead of leaving it in doubt.
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
