using ContactSync.Core.Runs;
using ContactSync.Core.Sync;

namespace ContactSync.Worker.Jobs;

/// <summary>
/// A run that did not finish, as the job reports it to Hangfire. Hangfire stores the message with the failed job and
/// shows it on the dashboard, so it is built only from the run id, the source name and the runner's error, which
/// holds no personal data. Which subclass is thrown decides whether Hangfire retries the job.
/// </summary>
public abstract class SyncRunFailedException : Exception
{
    protected SyncRunFailedException(SyncRunSummary summary, string ended)
        : base($"Run {summary.RunId} of source '{summary.Source}' {ended}: {summary.Error ?? "no reason given"}")
    {
        RunId = summary.RunId;
    }

    public Guid RunId { get; }

    /// <summary>The failure a run's summary means for its job, or null when the job succeeded.</summary>
    public static SyncRunFailedException? For(SyncRunSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return summary switch
        {
            { Outcome: RunOutcome.LeaseLost } => new SyncRunLeaseLostException(summary),
            { Outcome: RunOutcome.Held } => new SyncRunHeldException(summary),
            { Outcome: RunOutcome.Aborted, AbortReason: AbortReason.NexudusConfiguration or AbortReason.SourceConfiguration } => new SyncRunMisconfiguredException(summary),
            { Outcome: RunOutcome.Aborted } => new SyncRunAbortedException(summary),
            _ => null,
        };
    }
}

/// <summary>Stopped by something that may pass (Nexudus unavailable, the source unreadable): Hangfire retries the job.</summary>
public sealed class SyncRunAbortedException(SyncRunSummary summary) : SyncRunFailedException(summary, RunOutcome.Aborted);

/// <summary>Nexudus refused the configuration (credentials, a role, the base URL): retrying cannot help until an operator acts.</summary>
public sealed class SyncRunMisconfiguredException(SyncRunSummary summary)
    : SyncRunFailedException(summary, "stopped on a configuration Nexudus or the source refuses");

/// <summary>
/// Mirror would have removed more than the source's limits allow and removed nothing: the job fails so the dashboard
/// shows it, and is not retried (every retry would hold again) until an operator confirms or fixes the source.
/// </summary>
public sealed class SyncRunHeldException(SyncRunSummary summary) : SyncRunFailedException(summary, "was held");

/// <summary>The run lost its lease on the source to another run, which carries on: a retry would find the source taken.</summary>
public sealed class SyncRunLeaseLostException(SyncRunSummary summary) : SyncRunFailedException(summary, "lost its lease on the source");
