using System.Threading.Channels;
using ContactSync.Core.Sources;
using ContactSync.Core.Sources.CompaniesHouse;
using ContactSync.Worker.Jobs;
using Hangfire;

namespace ContactSync.Worker.Streams;

/// <summary>
/// Turns a source's stream events into runs: the companies changed within a moment of each other become one run of just
/// those companies (a Hangfire job whose arguments are company numbers), and then how far each stream's events are all
/// accounted for (queued in a run, or not ours) is saved, so a restart resumes without losing a change (it may queue one
/// twice, which a run makes harmless).
/// </summary>
internal sealed class StreamChangeQueue(
    CompaniesHouseStreamSettings.Configured stream, StreamPositions positions, IBackgroundJobClient jobs, TimeProvider time, ILogger logger)
{
    private static readonly TimeSpan Gather = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan SaveEvery = TimeSpan.FromSeconds(5);

    public async Task QueueRunsAsync(ChannelReader<RegisterChange> changed, CancellationToken cancellationToken)
    {
        var handled = new Dictionary<string, long>();
        var saved = new Dictionary<string, long>();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var companies = new SortedSet<string>(StringComparer.Ordinal);
                var seen = new Dictionary<string, long>(handled);
                using (var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                {
                    wait.CancelAfter(SaveEvery);
                    try
                    {
                        Take(await changed.ReadAsync(wait.Token), companies, seen);
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                        // Quiet: only the positions to save.
                    }
                }

                if (companies.Count > 0)
                {
                    await Task.Delay(Gather, time, cancellationToken);
                }

                while (changed.TryRead(out var more))
                {
                    Take(more, companies, seen);
                }

                if (companies.Count > 0)
                {
                    string[] numbers = [.. companies];
                    var jobId = jobs.Enqueue<SyncSourceJob>(job => job.RunCompaniesAsync(stream.Source, numbers, CancellationToken.None));
                    StreamLogMessages.RunQueued(logger, stream.Source, numbers.Length, jobId);
                }

                handled = seen;
                foreach (var (name, timepoint) in handled)
                {
                    if (!saved.TryGetValue(name, out var last) || last != timepoint)
                    {
                        await positions.SaveAsync(stream.Source, name, timepoint, cancellationToken);
                        saved[name] = timepoint;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private static void Take(RegisterChange change, SortedSet<string> companies, Dictionary<string, long> seen)
    {
        if (change.Company is { } company)
        {
            companies.Add(company);
        }

        seen[change.Stream] = Math.Max(seen.GetValueOrDefault(change.Stream), change.Timepoint);
    }
}
