using ContactSync.Core.DryRun;
using ContactSync.Core.Runs;
using ContactSync.Core.Views;
using ContactSync.Worker.Dashboard.Components;
using ContactSync.Worker.Jobs;
using Hangfire;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace ContactSync.Worker.Dashboard.Pages;

/// <summary>
/// What operators do from the pages, each a POST under <c>/contactsync/actions/</c>, for operators only, each written
/// to the audit log. Binding the form (<see cref="IFormCollection"/>) makes the antiforgery middleware validate the token:
/// a browser sends its credentials with every request, so without it any page could post here. The form's fields are
/// read by <see cref="RequestParameters"/>, so a source must be a configured one (400 otherwise).
/// </summary>
internal static class ActionEndpoints
{
    public static RouteGroupBuilder MapContactSyncActions(this RouteGroupBuilder pages)
    {
        var actions = pages.MapGroup("/actions").RequireAuthorization(DashboardPolicies.Operators);
        actions.MapPost("/retry", RetryAsync);
        actions.MapPost("/run", RunNowAsync);
        actions.MapPost("/dry-run", DryRunAsync);
        actions.MapPost("/confirm-removals", ConfirmRemovalsAsync);

        // The address the first pages posted retries to.
        pages.MapPost("/retry", RetryAsync).RequireAuthorization(DashboardPolicies.Operators);
        return pages;
    }

    private static async Task<IResult> RetryAsync(
        HttpContext context, IFormCollection form, RetryRecords retry, AuditLog audit, ILogger<RetryRecords> logger, CancellationToken cancellationToken)
    {
        var fields = RequestParameters.FromForm(context, form);
        var source = fields.RequiredConfiguredSource();
        var sourceId = fields.Key("sourceId");
        var back = fields.OneOf("back", [Back.Attention]);
        if (fields.Refusal is { } refused)
        {
            return refused;
        }

        var (requeued, jobId) = await retry.RetryAsync(source!, sourceId, cancellationToken);
        DashboardLogMessages.RetryRequested(logger, source!, requeued, jobId);
        await WriteAsync(audit, context, sourceId is null ? "retry all" : "retry", source!, sourceId ?? "failed, rejected and stranded in flight",
            $"{requeued} record(s) set back to pending; job {jobId}", cancellationToken);

        var root = context.Request.PathBase.ToString();
        var notice = $"done=retried&count={requeued}&source={Uri.EscapeDataString(source!)}";
        // Back to the list the retry was pressed on, or to the record's own page.
        return Results.Redirect(sourceId is null || back == Back.Attention ? $"{Links.Attention(root)}?{notice}" : $"{Links.Record(root, source!, sourceId)}?{notice}");
    }

    private static async Task<IResult> RunNowAsync(
        HttpContext context, IFormCollection form, IBackgroundJobClient jobs, AuditLog audit, ILogger<RetryRecords> logger, CancellationToken cancellationToken)
    {
        var fields = RequestParameters.FromForm(context, form);
        if (fields.RequiredConfiguredSource() is not { } source)
        {
            return fields.Refusal!;
        }

        var jobId = jobs.Enqueue<SyncSourceJob>(job => job.RunNowAsync(source, CancellationToken.None));
        DashboardLogMessages.ActionTaken(logger, "run now", source, jobId);
        await WriteAsync(audit, context, "run now", source, null, $"job {jobId}", cancellationToken);
        return Results.Redirect($"{Links.Runs(context.Request.PathBase)}?done=run&source={Uri.EscapeDataString(source)}");
    }

    private static async Task<IResult> DryRunAsync(
        HttpContext context, IFormCollection form, IBackgroundJobClient jobs, DryRunPlans plans, AuditLog audit, ILogger<RetryRecords> logger,
        CancellationToken cancellationToken)
    {
        var fields = RequestParameters.FromForm(context, form);
        if (fields.RequiredConfiguredSource() is not { } source)
        {
            return fields.Refusal!;
        }

        var actor = PageResults.Actor(context);
        var planId = await plans.CreateAsync(source, actor, cancellationToken);
        var jobId = jobs.Enqueue<DryRunJob>(job => job.PlanAsync(planId, source, CancellationToken.None));
        DashboardLogMessages.ActionTaken(logger, "dry run", source, jobId);
        await WriteAsync(audit, context, "dry run", source, planId.ToString(), $"job {jobId}", cancellationToken);
        return Results.Redirect(Links.Plan(context.Request.PathBase, planId));
    }

    private static async Task<IResult> ConfirmRemovalsAsync(
        HttpContext context, IFormCollection form, IBackgroundJobClient jobs, RunDetails runs, AuditLog audit, ILogger<RetryRecords> logger,
        CancellationToken cancellationToken)
    {
        var fields = RequestParameters.FromForm(context, form);
        var source = fields.RequiredConfiguredSource();
        var run = fields.RequiredId("run").GetValueOrDefault();
        if (fields.Refusal is { } refused)
        {
            return refused;
        }

        // Only what the operator looked at: the source's latest run, and only while it is the one that held.
        if (await runs.LatestAsync(source!, cancellationToken) is not ({ } latest, RunOutcome.Held) || latest != run)
        {
            return Results.Conflict("That run is no longer the source's latest held run; look at the runs page again.");
        }

        var jobId = jobs.Enqueue<SyncSourceJob>(job => job.RunConfirmedAsync(source!, CancellationToken.None));
        DashboardLogMessages.ActionTaken(logger, "confirm removals", source!, jobId);
        await WriteAsync(audit, context, "confirm removals", source!, run.ToString(), $"job {jobId}", cancellationToken);
        return Results.Redirect($"{Links.Runs(context.Request.PathBase)}?done=confirmed&source={Uri.EscapeDataString(source!)}");
    }

    private static Task WriteAsync(AuditLog audit, HttpContext context, string action, string source, string? subject, string detail, CancellationToken cancellationToken)
        => audit.WriteAsync(PageResults.Actor(context), action, source, subject, detail, context.Connection.RemoteIpAddress?.ToString(), cancellationToken);

    private static class Back
    {
        public const string Attention = "attention";
    }
}
