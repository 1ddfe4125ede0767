using System.Globalization;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ContactSync.Core.Ledger;

/// <summary>
/// A run's hold on its source: a row in <c>source_leases</c>, taken only when free or expired, renewed in the
/// background while the run works, and deleted when it ends. A session advisory lock on an idle connection vanished
/// with that connection (idle_session_timeout, a pooler, a restart) while the run went on; this row lasts until its
/// expiry by the database's clock, and the run stops trusting it before then if it cannot renew it. Every ingest
/// write and every claim of a record carries <see cref="HeldCondition"/>, so once the lease is gone nothing more is
/// claimed in the run's name, whatever the run itself believes (docs/decisions/0001-idempotency-protocol.md).
/// </summary>
public sealed class SourceLease : IAsyncDisposable
{
    /// <summary>
    /// True while the lease names this run and has not expired; goes into the statement it guards (parameters
    /// <c>@lease_source</c>, <c>@lease_run</c>). <c>for share</c> holds off a takeover until that statement commits.
    /// </summary>
    internal const string HeldCondition =
        "exists (select 1 from source_leases l where l.source = @lease_source and l.run_id = @lease_run and l.expires_at > now() for share)";

    private static readonly TimeSpan ReleaseTimeout = TimeSpan.FromSeconds(3);

    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly TimeSpan _duration;
    private readonly CancellationTokenSource _lost = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _renewals = Task.CompletedTask;
    private string? _lostReason;

    private SourceLease(NpgsqlDataSource dataSource, string source, Guid runId, TimeSpan duration, TimeProvider time, ILogger logger)
    {
        _dataSource = dataSource;
        Source = source;
        RunId = runId;
        _duration = duration;
        _time = time;
        _logger = logger;
    }

    public string Source { get; }

    public Guid RunId { get; }

    /// <summary>Cancelled once the run can no longer be sure it holds the source.</summary>
    public CancellationToken Lost => _lost.Token;

    public bool IsLost => _lost.IsCancellationRequested;

    public string? LostReason => Volatile.Read(ref _lostReason);

    /// <summary>How often the lease is renewed: five times per duration, so a few failed renewals in a row are survived.</summary>
    private TimeSpan RenewEvery => _duration / 5;

    /// <summary>
    /// How long after the start of its last successful renewal the run still trusts the lease: its duration less a
    /// margin, so the run stops before the database lets anyone else take over, even with the two clocks apart.
    /// </summary>
    private TimeSpan TrustedFor => _duration - (_duration / 5);

    /// <returns>The lease, renewing itself, or null when another run holds the source.</returns>
    public static async Task<SourceLease?> TryAcquireAsync(
        NpgsqlDataSource dataSource, string source, Guid runId, TimeSpan duration, TimeProvider time, ILogger logger,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(time);
        var asked = time.GetTimestamp();
        await using var command = dataSource.CreateCommand(
            """
            insert into source_leases as l (source, run_id, acquired_at, renewed_at, expires_at)
            values (@source, @run, now(), now(), now() + @duration)
            on conflict (source) do update set run_id = excluded.run_id, acquired_at = excluded.acquired_at,
                renewed_at = excluded.renewed_at, expires_at = excluded.expires_at
            where l.expires_at <= now()
            returning l.run_id
            """);
        command.Parameters.AddWithValue("source", source);
        command.Parameters.AddWithValue("run", runId);
        command.Parameters.AddWithValue("duration", duration);
        if (await command.ExecuteScalarAsync(cancellationToken) is null)
        {
            return null;
        }

        var lease = new SourceLease(dataSource, source, runId, duration, time, logger);
        lease._renewals = lease.RenewAsync(asked, lease._stop.Token);
        return lease;
    }

    /// <summary>The parameters <see cref="HeldCondition"/> names.</summary>
    internal void AddParameters(NpgsqlParameterCollection parameters)
    {
        parameters.AddWithValue("lease_source", Source);
        parameters.AddWithValue("lease_run", RunId);
    }

    /// <summary>
    /// For a guarded write that changed nothing: throws <see cref="SourceLeaseLostException"/> if the lease is no
    /// longer held (and from then on treats it as lost), returns if the write found nothing for another reason.
    /// </summary>
    public async Task ThrowIfLostAsync(CancellationToken cancellationToken)
    {
        if (!IsLost)
        {
            await using var command = _dataSource.CreateCommand(
                "select exists (select 1 from source_leases where source = @lease_source and run_id = @lease_run and expires_at > now())");
            AddParameters(command.Parameters);
            if ((bool)(await command.ExecuteScalarAsync(cancellationToken))!)
            {
                return;
            }

            MarkLost("another run holds the source now, or the lease expired");
        }

        throw new SourceLeaseLostException(Source, RunId, LostReason);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _renewals;
        try
        {
            // Best effort: a lease that cannot be deleted now (the database is down) expires on its own.
            using var timeout = new CancellationTokenSource(ReleaseTimeout);
            await using var command = _dataSource.CreateCommand("delete from source_leases where source = @lease_source and run_id = @lease_run");
            AddParameters(command.Parameters);
            await command.ExecuteNonQueryAsync(timeout.Token);
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            LedgerLogMessages.LogNotReleased(_logger, Source, _duration);
        }

        _lost.Dispose();
        _stop.Dispose();
    }

    private async Task RenewAsync(long lastConfirmed, CancellationToken stop)
    {
        string? lastError = null;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(lastError is null ? RenewEvery : TimeSpan.FromMilliseconds(Math.Min(1000, RenewEvery.TotalMilliseconds)), _time, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var trustLeft = TrustedFor - _time.GetElapsedTime(lastConfirmed);
            if (trustLeft <= TimeSpan.Zero)
            {
                MarkLost(string.Create(CultureInfo.InvariantCulture,
                    $"the lease could not be renewed for {TrustedFor.TotalSeconds:0} s ({lastError ?? "no answer"})"));
                return;
            }

            var attempt = _time.GetTimestamp();
            try
            {
                using var bounded = CancellationTokenSource.CreateLinkedTokenSource(stop);
                bounded.CancelAfter(trustLeft);
                if (!await TryRenewAsync(bounded.Token))
                {
                    MarkLost("another run holds the source now, or the lease expired before it was renewed");
                    return;
                }

                lastConfirmed = attempt;
                lastError = null;
            }
            catch (Exception e) when (!stop.IsCancellationRequested && e is NpgsqlException or TimeoutException or OperationCanceledException)
            {
                // The database is away for a moment (a restart, a dropped connection): try again soon, until the
                // lease can no longer be trusted.
                lastError = e is OperationCanceledException ? "the renewal did not answer in time" : e.Message;
                LedgerLogMessages.LogRenewalFailed(_logger, Source, RunId, lastError);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<bool> TryRenewAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(
            """
            update source_leases set renewed_at = now(), expires_at = now() + @duration
            where source = @lease_source and run_id = @lease_run and expires_at > now()
            """);
        AddParameters(command.Parameters);
        command.Parameters.AddWithValue("duration", _duration);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private void MarkLost(string reason)
    {
        if (Interlocked.CompareExchange(ref _lostReason, reason, null) is null)
        {
            LedgerLogMessages.LogLost(_logger, Source, RunId, reason);
            _lost.Cancel();
        }
    }
}
