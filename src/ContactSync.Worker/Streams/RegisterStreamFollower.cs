using System.Threading.Channels;
using ContactSync.Core.Sources;
using ContactSync.Core.Sources.CompaniesHouse;
using ContactSync.Worker.Jobs;
using Hangfire;

namespace ContactSync.Worker.Streams;

/// <summary>
/// Follows one of the register's streams for a source, reconnecting for ever (after a 429 a minute, after a refusal five
/// minutes, after anything else ten seconds: the register's rules), from the last timepoint saved. Every event goes on
/// to the change queue with its timepoint, its company kept only when the source manages it. When the register says the
/// timepoint is too old (events were missed), it starts from now and queues a full pass to catch up.
/// </summary>
internal sealed class RegisterStreamFollower(
    Func<RegisterStream> newReader, CompaniesHouseStreamSettings.Configured stream, StreamPositions positions, ManagedCompanies managed,
    IBackgroundJobClient jobs, TimeProvider time, ILogger logger)
{
    public async Task FollowAsync(string name, ChannelWriter<RegisterChange> changed, CancellationToken cancellationToken)
    {
        var reader = newReader();
        var from = await positions.GetAsync(stream.Source, name, cancellationToken);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await foreach (var change in reader.ReadAsync(name, from, cancellationToken))
                {
                    var ours = change.Company is { } company && await managed.ContainsAsync(company, cancellationToken);
                    await changed.WriteAsync(ours ? change : change with { Company = null }, cancellationToken);
                    from = change.Timepoint;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (RegisterStreamException e)
            {
                StreamLogMessages.StreamInterrupted(logger, stream.Source, name, e.Message);
                var wait = e.Failure switch
                {
                    RegisterStreamFailure.Throttled => TimeSpan.FromMinutes(1),
                    RegisterStreamFailure.Refused => TimeSpan.FromMinutes(5),
                    _ => TimeSpan.FromSeconds(10),
                };
                if (e.Failure == RegisterStreamFailure.TimepointTooOld)
                {
                    // Events were missed: start from now, and let a full pass catch up what they said.
                    from = null;
                    await positions.ForgetAsync(stream.Source, name, cancellationToken);
                    jobs.Enqueue<SyncSourceJob>(job => job.RunFullPassAsync(stream.Source, CancellationToken.None));
                    StreamLogMessages.FullPassQueued(logger, stream.Source, name);
                    wait = TimeSpan.Zero;
                }

                await Task.Delay(wait, time, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }
}
