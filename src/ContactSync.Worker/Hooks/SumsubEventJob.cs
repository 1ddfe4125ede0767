using System.ComponentModel;
using ContactSync.Core.Contracts;
using ContactSync.Core.Runs;
using ContactSync.Core.Sources.Sumsub;
using ContactSync.Worker.Jobs;
using Hangfire;

namespace ContactSync.Worker.Hooks;

/// <summary>
/// A Sumsub review event, once: the companies it concerns get a run of just themselves. A company's event concerns
/// that company if contract resolution knows it; a person's, the companies the source's records of them are on. An
/// applicant ContactSync does not know queues nothing: the scheduled full pass is the safety net. The arguments are
/// Sumsub's opaque ids and company references, never a name or a person's external id.
/// </summary>
[Queue(SyncSourceJob.Queue)]
[AutomaticRetry(Attempts = 3)]
public sealed class SumsubEventJob(
    SourceResolver sources, SumsubEvents events, ContractResolver contracts, IBackgroundJobClient jobs, ILogger<SumsubEventJob> logger)
{
    [DisplayName("Sumsub event for {0}: applicant {2}")]
    public async Task HandleAsync(string source, string eventId, string applicantId, bool isCompany, string? companyRef, CancellationToken cancellationToken)
    {
        if (await events.HandledAsync(source, eventId, cancellationToken))
        {
            HookLogMessages.Replayed(logger, source);
            return;
        }

        string[] companies;
        if (isCompany)
        {
            var known = companyRef is not null
                        && (await contracts.LoadAsync(sources.Options(source).ContractMapPath, cancellationToken)).Companies.Contains(companyRef);
            companies = known ? [companyRef!] : [];
        }
        else
        {
            companies = await events.CompaniesOfPersonAsync(source, applicantId, cancellationToken);
        }

        if (companies.Length == 0)
        {
            HookLogMessages.Unknown(logger, source, applicantId);
        }
        else
        {
            var jobId = jobs.Enqueue<SyncSourceJob>(job => job.RunCompaniesAsync(source, companies, CancellationToken.None));
            HookLogMessages.RunQueued(logger, source, companies.Length, jobId);
        }

        // Remembered once its run is queued: a job that failed before is retried and handles the event then; two copies
        // handled at once queue the run twice, which the run's lease makes harmless.
        await events.RememberAsync(source, eventId, cancellationToken);
    }
}
