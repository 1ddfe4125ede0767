using ContactSync.Worker.Jobs;
using Hangfire;
using Npgsql;

namespace ContactSync.Worker.Dashboard.Pages;

/// <summary>
/// An operator's retry: failed and rejected records go back to pending with a clean slate, and a run of the source
/// is queued to push them. Rejected records are retried on purpose: the operator has fixed the data or the rule. A
/// create in doubt stays in doubt (that is evidence, not state to clear): the run looks it up before sending.
/// </summary>
internal sealed class RetryRecords(NpgsqlDataSource dataSource, IBackgroundJobClient jobs)
{
    private const string RequeueSourceSql = """
        update sync_records
        set status = 'pending', attempted_hash = null, attempts = 0, version = version + 1, updated_at = now()
        where source = @source and status in ('failed', 'rejected')
        """;

    private const string RequeueRecordSql = """
        update sync_records
        set status = 'pending', attempted_hash = null, attempts = 0, version = version + 1, updated_at = now()
        where source = @source and status in ('failed', 'rejected') and source_id = @source_id
        """;

    public async Task<(int Requeued, string JobId)> RetryAsync(string source, string? sourceId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sourceId is null ? RequeueSourceSql : RequeueRecordSql);
        command.Parameters.AddWithValue("source", source);
        if (sourceId is not null)
        {
            command.Parameters.AddWithValue("source_id", sourceId);
        }

        var requeued = await command.ExecuteNonQueryAsync(cancellationToken);
        var jobId = jobs.Enqueue<SyncSourceJob>(job => job.RunAsync(source, CancellationToken.None));
        return (requeued, jobId);
    }
}
