using System.ComponentModel;
using ContactSync.Core.DryRun;
using Hangfire;

namespace ContactSync.Worker.Jobs;

/// <summary>
/// A dry run asked for from the dashboard: plans the source's next run (reading the source and Nexudus, writing
/// nothing) and keeps the plan for the page that shows it. The arguments are a plan id and a source name.
/// </summary>
[Queue(SyncSourceJob.Queue)]
[AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
public sealed class DryRunJob(SyncPlanner planner, DryRunPlans plans)
{
    [DisplayName("Dry run of {1}")]
    public async Task PlanAsync(Guid planId, string sourceName, CancellationToken cancellationToken)
    {
        try
        {
            var plan = await planner.PlanAsync(sourceName, cancellationToken);
            await plans.CompleteAsync(planId, plan, CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The page says why; the job fails too, so Hangfire shows it.
            await plans.FailAsync(planId, $"{e.GetType().Name}: {e.Message}", CancellationToken.None);
            throw;
        }
    }
}
