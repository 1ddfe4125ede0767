using System.ComponentModel;
using ContactSync.Core;
using ContactSync.Core.Alerts;
using ContactSync.Core.Nexudus;
using ContactSync.Core.Runs;
using ContactSync.Core.Sources;
using ContactSync.Core.Sync;
using Hangfire;
using Microsoft.Extensions.Logging;

namespace ContactSync.Worker.Jobs;

/// <summary>
/// One run of one source. The only argument is the source name: contacts are personal data and stay in the
/// product's tables, never in Hangfire's plain-text job arguments. A retry re-runs the whole pass, which the runner
/// makes safe (it leases the source and reconciles in-flight records), so Hangfire retries little; credentials or
/// configuration that Nexudus refuses fail at once, and so does a run that lost its source to another, because
/// retrying cannot help.
/// </summary>
[Queue(Queue)]
[AutomaticRetry(
    Attempts = 2,
    OnAttemptsExceeded = AttemptsExceededAction.Fail,
    ExceptOn =
    [
        typeof(NexudusConfigurationException), typeof(NexudusBudgetExhaustedException), typeof(UnknownSourceException),
        typeof(SyncRunMisconfiguredException), typeof(SyncRunLeaseLostException), typeof(SyncRunHeldException),
    ])]
public sealed class SyncSourceJob(SyncRunner runner, AlertWakeups alerts, ILogger<SyncSourceJob> logger)
{
    public const string Queue = "sync";

    // A source busy with a full pass of thousands of companies (at the register's 2 requests a second) stays busy for
    // hours: the companies' run waits that out, up to about 3 hours, before it fails for an operator to see.
    private const int BusyRetries = 24;

    [DisplayName("Sync {0}")]
    public async Task RunAsync(string sourceName, CancellationToken cancellationToken)
    {
        // A job queued before a configuration change may name a source that no longer exists: the runner
        // throws UnknownSourceException, which is not retried.
        var summary = await runner.RunAsync(sourceName, "job", cancellationToken, new RunRequest { JobId = Hangfire.CurrentJob.Id });
        JobLogMessages.RunFinished(logger, summary.Source, summary.RunId, summary.Outcome, summary.Total, summary.Rejected, summary.Failed, summary.Duration);
        alerts.Evaluation.Notify();

        // A run that spent the API budget ended cleanly and the job succeeds: a retry could only spend the budget
        // that is left for the next scheduled run, or find none. A run that stopped early fails the job, so it shows on
        // the dashboard; the exception's type says whether a retry can help.
        if (SyncRunFailedException.For(summary) is { } failure)
        {
            throw failure;
        }
    }

    /// <summary>A run an operator started from the dashboard ("Run now").</summary>
    [DisplayName("Sync {0} (from the dashboard)")]
    public Task RunNowAsync(string sourceName, CancellationToken cancellationToken)
        => RunOnceAsync(sourceName, new RunRequest { JobId = Hangfire.CurrentJob.Id }, cancellationToken);

    /// <summary>A run whose removals an operator confirmed on the dashboard, beyond the source's removal limits.</summary>
    [DisplayName("Sync {0} (removals confirmed)")]
    public Task RunConfirmedAsync(string sourceName, CancellationToken cancellationToken)
        => RunOnceAsync(sourceName, new RunRequest(ConfirmRemovals: true) { JobId = Hangfire.CurrentJob.Id }, cancellationToken);

    private async Task RunOnceAsync(string sourceName, RunRequest request, CancellationToken cancellationToken)
    {
        var summary = await runner.RunAsync(sourceName, "dashboard", cancellationToken, request);
        JobLogMessages.RunFinished(logger, summary.Source, summary.RunId, summary.Outcome, summary.Total, summary.Rejected, summary.Failed, summary.Duration);
        if (SyncRunFailedException.For(summary) is { } failure)
        {
            throw failure;
        }
    }

    /// <summary>
    /// A full pass queued because the source's change stream lost events: unlike the scheduled pass, a source busy with
    /// another run does not make it moot (that run may have read the companies before the lost changes), so it waits.
    /// </summary>
    [DisplayName("Sync {0} (catching up)")]
    [AutomaticRetry(
        Attempts = BusyRetries,
        DelaysInSeconds = [15, 30, 60, 60, 120, 120, 300, 300, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600],
        OnAttemptsExceeded = AttemptsExceededAction.Fail,
        ExceptOn =
        [
            typeof(NexudusConfigurationException), typeof(NexudusBudgetExhaustedException), typeof(UnknownSourceException),
            typeof(SyncRunMisconfiguredException), typeof(SyncRunLeaseLostException), typeof(SyncRunHeldException),
        ])]
    public Task RunFullPassAsync(string sourceName, CancellationToken cancellationToken)
        => RunScopedAsync(sourceName, SourceScope.All, "stream", cancellationToken);

    /// <summary>
    /// A run of some companies only, queued by a change the source announced (the register's stream). The arguments
    /// are company numbers, never names. A run that finds the source busy (a scheduled pass under way, which may have
    /// read these companies before the change) fails so that Hangfire tries again shortly.
    /// </summary>
    [DisplayName("Sync {0}: {1}")]
    [AutomaticRetry(
        Attempts = BusyRetries,
        DelaysInSeconds = [15, 30, 60, 60, 120, 120, 300, 300, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 600],
        OnAttemptsExceeded = AttemptsExceededAction.Fail,
        ExceptOn =
        [
            typeof(NexudusConfigurationException), typeof(NexudusBudgetExhaustedException), typeof(UnknownSourceException),
            typeof(SyncRunMisconfiguredException), typeof(SyncRunLeaseLostException), typeof(SyncRunHeldException),
        ])]
    public Task RunCompaniesAsync(string sourceName, string[] companies, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(companies);
        return RunScopedAsync(sourceName, SourceScope.OfCompanies(companies), "stream", cancellationToken);
    }

    private async Task RunScopedAsync(string sourceName, SourceScope scope, string trigger, CancellationToken cancellationToken)
    {
        var summary = await runner.RunAsync(sourceName, trigger, cancellationToken, new RunRequest { Scope = scope, JobId = Hangfire.CurrentJob.Id });
        JobLogMessages.RunFinished(logger, summary.Source, summary.RunId, summary.Outcome, summary.Total, summary.Rejected, summary.Failed, summary.Duration);
        alerts.Evaluation.Notify();
        if (summary.Outcome == RunOutcome.Skipped)
        {
            throw new SyncSourceBusyException(sourceName, scope.ToString());
        }

        if (SyncRunFailedException.For(summary) is { } failure)
        {
            throw failure;
        }
    }
}

/// <summary>Another run held the source: the run is tried again once it has passed.</summary>
public sealed class SyncSourceBusyException(string source, string scope)
    : Exception($"Source '{source}' was busy with another run; this run ({scope}) is tried again shortly.");
