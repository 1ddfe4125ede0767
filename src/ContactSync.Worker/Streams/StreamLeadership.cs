using ContactSync.Core.Postgres;
using Npgsql;

namespace ContactSync.Worker.Streams;

/// <summary>
/// One listener per cluster for a source's stream: the replica whose session holds the source's advisory lock listens,
/// the others stand by to take over. The leader checks every few seconds that its session (and with it the lock) is
/// still there, and stops listening the moment it is not.
/// </summary>
internal sealed class StreamLeadership(NpgsqlDataSource dataSource, TimeProvider time, ILogger logger)
{
    private static readonly TimeSpan StandBy = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan AfterListening = TimeSpan.FromSeconds(10);

    /// <summary>Runs <paramref name="listen"/> whenever this replica leads <paramref name="source"/>'s stream, until stopped.</summary>
    public async Task LeadAsync(string source, Func<CancellationToken, Task> listen, CancellationToken stoppingToken)
    {
        var key = AdvisoryLock.KeyFor("register-stream", source);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var held = await HeldAdvisoryLock.TryAcquireAsync(dataSource, key, stoppingToken);
                if (held is null)
                {
                    await Task.Delay(StandBy, time, stoppingToken);
                    continue;
                }

                StreamLogMessages.Leading(logger, source);
                using var leadership = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                var listening = listen(leadership.Token);
                while (!listening.IsCompleted)
                {
                    await Task.WhenAny(listening, Task.Delay(CheckEvery, time, stoppingToken));
                    if (!listening.IsCompleted && !await held.IsHeldAsync(stoppingToken))
                    {
                        StreamLogMessages.LeadershipLost(logger, source);
                        await leadership.CancelAsync();
                    }
                }

                await listening.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

                // Listening ended without a stop (lost leadership, a failure): wait, let the session go, then stand again.
                await Task.Delay(AfterListening, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // Never let the listener take the host down: the scheduled pass goes on, and the listener tries again.
                StreamLogMessages.ListenerFailed(logger, source, e.GetType().Name);
                await Task.Delay(StandBy, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }
}
