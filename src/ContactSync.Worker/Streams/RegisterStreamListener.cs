using System.Threading.Channels;
using ContactSync.Core.Contracts;
using ContactSync.Core.Runs;
using ContactSync.Core.Sources;
using ContactSync.Core.Sources.CompaniesHouse;
using Hangfire;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ContactSync.Worker.Streams;

/// <summary>
/// Listens to the register's officers and companies streams for every <c>CompaniesHouse</c> source with a
/// <c>StreamKey</c>, one listener per cluster (<see cref="StreamLeadership"/>). Each stream is followed
/// (<see cref="RegisterStreamFollower"/>); events about companies ContactSync does not manage
/// (<see cref="ManagedCompanies"/>) are dropped; the rest queue a run of just those companies a second or two after the
/// first, so a burst becomes one run, and the last timepoint is kept once the run is queued
/// (<see cref="StreamChangeQueue"/>). The scheduled full pass stays the safety net, and runs at once when the stream lost
/// events (416).
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

    private static readonly TimeSpan Silence = TimeSpan.FromSeconds(90);

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var streams = CompaniesHouseStreamSettings.Read(configuration, options.CurrentValue.Sources);
        var leadership = new StreamLeadership(dataSource, time, logger);
        return Task.WhenAll(streams.Select(stream => leadership.LeadAsync(stream.Source, ct => ListenAsync(stream, ct), stoppingToken)));
    }

    private TimeSpan ManagedRefresh => resolution.CurrentValue.RefreshEvery > TimeSpan.FromMinutes(1) ? resolution.CurrentValue.RefreshEvery : TimeSpan.FromMinutes(1);

    private async Task ListenAsync(CompaniesHouseStreamSettings.Configured stream, CancellationToken cancellationToken)
    {
        // Every event goes through the channel with its timepoint (a company only when managed), so a timepoint is saved
        // only once the runs for every change before it are queued.
        var changed = Channel.CreateUnbounded<RegisterChange>();
        var positions = new StreamPositions(dataSource);
        var managed = new ManagedCompanies(contracts, stream, ManagedRefresh, time, logger);
        var follower = new RegisterStreamFollower(
            () => new RegisterStream(httpClients.CreateClient(HttpClientName), stream.StreamUrl, stream.StreamKey, Silence, stream.MaxLineBytes), stream, positions, managed, jobs, time, logger);
        var queue = new StreamChangeQueue(stream, positions, jobs, time, logger);

        // One part failing (a database error while saving, say) ends them all, and leadership is taken afresh.
        using var together = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var readers = RegisterStream.Streams.Select(name => follower.FollowAsync(name, changed.Writer, together.Token)).ToList();
        Task[] parts = [.. readers, queue.QueueRunsAsync(changed.Reader, together.Token)];
        var first = await Task.WhenAny(parts);
        if (first.IsFaulted && !cancellationToken.IsCancellationRequested)
        {
            StreamLogMessages.ListenerFailed(logger, stream.Source, first.Exception!.InnerException!.GetType().Name);
        }

        await together.CancelAsync();
        await Task.WhenAll(parts).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }
}
