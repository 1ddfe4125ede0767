using ContactSync.Worker.Jobs;
using Hangfire;

namespace ContactSync.Worker.Dashboard.Pages;

/// <summary>
/// An operator's retry: the ledger puts the records back to pending (<see cref="RecordRequeue"/>), and
/// a run of the source is queued to push them. Rejected records are retried on purpose: the operator has fixed the
/// data or the rule.
/// </summary>
internal sealed class RetryRecords(RecordRequeue records, IBackgroundJobClient jobs)
{
    public async Task<(int Requeued, string JobId)> RetryAsync(string source, string? sourceId, CancellationToken cancellationToken)
    {
        var requeued = await records.RequeueAsync(source, sourceId, cancellationToken);
        var jobId = jobs.Enqueue<SyncSourceJob>(job => job.RunAsync(source, CancellationToken.None));
        return (requeued, jobId);
    }
}
