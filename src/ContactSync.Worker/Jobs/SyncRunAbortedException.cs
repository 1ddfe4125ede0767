using ContactSync.Core.Sync;

namespace ContactSync.Worker.Jobs;

/// <summary>
/// A run stopped early. Hangfire stores this message with the failed job and shows it on the dashboard, so it is
/// built only from the run id, the source name and the runner's error, which holds no personal data.
/// </summary>
public sealed class SyncRunAbortedException : Exception
{
    public SyncRunAbortedException(SyncRunSummary summary)
        : base($"Run {summary.RunId} of source '{summary.Source}' aborted: {summary.Error ?? "no reason given"}")
    {
        RunId = summary.RunId;
    }

    public Guid RunId { get; }
}
