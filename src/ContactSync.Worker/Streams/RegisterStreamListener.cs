using System.Threading.Channels;
using ContactSync.Core;
using ContactSync.Core.Contracts;
using ContactSync.Core.Postgres;
using ContactSync.Core.Runs;
using ContactSync.Core.Sources;
using ContactSync.Core.Sources.CompaniesHouse;
using ContactSync.Worker.Jobs;
using Hangfire;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ContactSync.Worker.Streams;

/// <summary>
/// Listens to the register's officers and companies streams for every <c>CompaniesHouse</c> source with a
/// <c>StreamKey</c>, one listener per cluster: the replica holding the source's session advisory lock listens, the
/// others wait to take over. Events about companies ContactSync does not manage are dropped; the rest queue a run of
/// just those companies (a Hangfire job whose arguments are company numbers), a second or two after the first, so a
/// burst becomes one run. The last timepoint is kept in PostgreSQL after the run is queued, so a restart resumes
/// without losing a change (it may queue one twice, which a run makes harmless). The scheduled full pass stays the
/// safety net, and runs at once when the stream lost events (416).
/// </summary>
internal sealed class RegisterStreamListener(
    NpgsqlDataSource dataSource,
    IConfiguration configuration,
    IOptionsMonitor<ContactSyncOptions> options,
    IOptionsMonitor<ContractResolutionOptions> resolution,
    ContractResolver contracts,
    IBackgroundJobClient jobs,
    IHttpClientFactory httpClients,
    TimeProvider time,
    ILogger<RegisterStreamListener> logger) : BackgroundService
{
    public const string HttpClientName = "ContactSync.RegisterStream";

    private static readonly TimeSpan LeaderRetry = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan Silence = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan Gather = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan SaveEvery = TimeSpan.FromSeconds(5);

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var streams = CompaniesHouseStreamSettings.Read(configuration, options.CurrentValue.Sources);
        return Task.WhenAll(streams.Select(stream => LeadAsync(stream, stoppingToken)));
    }

    // Takes the source's lock when free and listens while holding it; checks every few seconds that the session (and
    // with it the lock) is still there, and stops listening the moment it is not.
    private async Task LeadAsync(CompaniesHouseStreamSettings.Configured stream, CancellationToken stoppingToken)
    {
        var key = AdvisoryLock.KeyFor("register-stream", stream.Source);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                await using (var take = new NpgsqlCommand("select pg_try_advisory_lock(@key)", connection))
                {
                    take.Parameters.AddWithValue("key", key);
                    if (!(bool)(await take.ExecuteScalarAsync(stoppingToken))!)
                    {
                        await Task.Delay(LeaderRetry, time, stoppingToken);
                        continue;
                    }
                }

                StreamLogMessages.Leading(logger, stream.Source);
                using var leadership = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                var listening = ListenAsync(stream, leadership.Token);
                while (!listening.IsCompleted)
                {
                    await Task.WhenAny(listening, Task.Delay(TimeSpan.FromSeconds(5), time, stoppingToken));
                    if (listening.IsCompleted)
                    {
                        break;
                    }

                    try
                    {
                        await using var ping = new NpgsqlCommand("select 1", connection);
                        await ping.ExecuteScalarAsync(stoppingToken);
                    }
                    catch (Exception e) when (e is NpgsqlException or InvalidOperationException && !stoppingToken.IsCancellationRequested)
                    {
                        StreamLogMessages.LeadershipLost(logger, stream.Source);
                        await leadership.CancelAsync();
                    }
                }

                await listening.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

                // Listening ended without a stop (lost leadership, a failure): let the session go, then stand again.
                await Task.Delay(TimeSpan.FromSeconds(10), time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // Never let the listener take the host down: the scheduled pass goes on, and the listener tries again.
                StreamLogMessages.ListenerFailed(logger, stream.Source, e.GetType().Name);
                await Task.Delay(LeaderRetry, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task ListenAsync(CompaniesHouseStreamSettings.Configured stream, CancellationToken cancellationToken)
    {
        // Every event goes through the channel with its timepoint (a company only when managed), so a timepoint is saved
        // only once the runs for every change before it are queued.
        var changed = Channel.CreateUnbounded<RegisterChange>();
        var positions = new StreamPositions(dataSource);

        // Both streams ask the same question of the same companies: one view, loaded once per refresh for both.
        var managed = new ManagedCompanies(ct => ManagedAsync(stream, ct), time, ManagedRefresh);

        // One part failing (a database error while saving, say) ends them all, and leadership is taken afresh.
        using var together = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var readers = RegisterStream.Streams.Select(name => ReadStreamAsync(stream, name, positions, managed, changed.Writer, together.Token)).ToList();
        var queueing = QueueRunsAsync(stream, positions, changed.Reader, together.Token);
        Task[] parts = [.. readers, queueing];
        var first = await Task.WhenAny(parts);
        if (first.IsFaulted && !cancellationToken.IsCancellationRequested)
        {
            StreamLogMessages.ListenerFailed(logger, stream.Source, first.Exception!.InnerException!.GetType().Name);
        }

        await together.CancelAsync();
        await Task.WhenAll(parts).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    // One stream, reconnecting for ever: after a 429 a minute, after anything else ten seconds (the register's rules).
    private async Task ReadStreamAsync(
        CompaniesHouseStreamSettings.Configured stream, string name, StreamPositions positions, ManagedCompanies managed,
        ChannelWriter<RegisterChange> changed, CancellationToken cancellationToken)
    {
        var reader = new RegisterStream(httpClients.CreateClient(HttpClientName), stream.StreamUrl, stream.StreamKey, Silence, stream.MaxLineBytes);
        var from = await positions.GetAsync(stream.Source, name, cancellationToken);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await foreach (var change in reader.ReadAsync(name, from, cancellationToken))
                {
                    var ours = change.Company is { } company && (await managed.GetAsync(cancellationToken)).Contains(company);
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

    private TimeSpan ManagedRefresh => resolution.CurrentValue.RefreshEvery > TimeSpan.FromMinutes(1) ? resolution.CurrentValue.RefreshEvery : TimeSpan.FromMinutes(1);

    private async Task<HashSet<string>> ManagedAsync(CompaniesHouseStreamSettings.Configured stream, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return (await contracts.LoadAsync(stream.ContractMapPath, cancellationToken)).Companies.ToHashSet(StringComparer.Ordinal);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                StreamLogMessages.ListenerFailed(logger, stream.Source, e.GetType().Name);
                await Task.Delay(TimeSpan.FromSeconds(30), time, cancellationToken);
            }
        }
    }

    // Gathers the companies changed within a moment of each other into one run, then saves how far each stream's
    // events are all accounted for: queued in a run, or not ours.
    private async Task QueueRunsAsync(
        CompaniesHouseStreamSettings.Configured stream, StreamPositions positions, ChannelReader<RegisterChange> changed, CancellationToken cancellationToken)
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

    /// <summary>The companies a source manages, as contract resolution knows them, reloaded once it is older than the refresh.</summary>
    private sealed class ManagedCompanies(Func<CancellationToken, Task<HashSet<string>>> load, TimeProvider time, TimeSpan refresh)
    {
        private readonly SemaphoreSlim _gate = new(1, 1);
        private HashSet<string>? _companies;
        private long _loadedAt;

        public async Task<HashSet<string>> GetAsync(CancellationToken cancellationToken)
        {
            if (_companies is { } fresh && time.GetElapsedTime(_loadedAt) <= refresh)
            {
                return fresh;
            }

            await _gate.WaitAsync(cancellationToken);
            try
            {
                if (_companies is null || time.GetElapsedTime(_loadedAt) > refresh)
                {
                    _companies = await load(cancellationToken);
                    _loadedAt = time.GetTimestamp();
                }

                return _companies;
            }
            finally
            {
                _gate.Release();
            }
        }
    }
}
