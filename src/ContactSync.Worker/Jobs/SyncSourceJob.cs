using System.ComponentModel;
using ContactSync.Core.Nexudus;
using ContactSync.Core.Sync;
using Hangfire;
using Microsoft.Extensions.Logging;

namespace ContactSync.Worker.Jobs;

/// <summary>
/// One run of one source. The only argument is the source name: contacts are personal data and stay in the
/// product's tables, never in Hangfire's plain-text job arguments. A retry re-runs the whole pass, which the runner
/// makes safe (it locks the source and reconciles in-flight records), so Hangfire retries little; credentials or
/// configuration that are wrong fail at once, because retrying cannot fix them.
/// </summary>
[Queue(Queue)]
[AutomaticRetry(
    Attempts = 2,
    OnAttemptsExceeded = AttemptsExceededAction.Fail,
    ExceptOn = [typeof(NexudusAuthenticationException), typeof(NexudusBudgetExhaustedException), typeof(UnknownSourceException)])]
public sealed class SyncSourceJob(SyncRunner runner, ILogger<SyncSourceJob> logger)
{
    public const string Queue = "sync";

    [DisplayName("Sync {0}")]
    public async Task RunAsync(string sourceName, CancellationToken cancellationToken)
    {
        // A job queued before a configuration change may name a source that no longer exists: the runner
        // throws UnknownSourceException, which is not retried.
        var summary = await runner.RunAsync(sourceName, "job", cancellationToken);
        Log.RunFinished(logger, summary.Source, summary.RunId, summary.Outcome, summary.Total, summary.Rejected, summary.Failed, summary.Duration);

        // A run that spent the API budget ended cleanly and the job succeeds: a retry could only spend the budget
        // that is left for the next scheduled run, or find none.
        if (summary.Outcome == SyncRunOutcome.Aborted)
        {
            // Fail the job so the run shows on the dashboard and Hangfire retries it.
            throw new SyncRunAbortedException(summary);
        }
    }
}
