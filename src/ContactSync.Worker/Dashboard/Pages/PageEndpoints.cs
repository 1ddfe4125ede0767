using System.Globalization;
using ContactSync.Core.DryRun;
using ContactSync.Core.Ledger;
using ContactSync.Core.Nexudus.Budget;
using ContactSync.Core.Push;
using ContactSync.Core.Runs;
using ContactSync.Core.Views;
using ContactSync.Worker.Dashboard.Components;
using Microsoft.Extensions.Options;

namespace ContactSync.Worker.Dashboard.Pages;

/// <summary>The pages under <c>/contactsync</c>: runs, a run, records, a record, needs attention, the audit log and a dry run's plan.</summary>
internal static class PageEndpoints
{
    public const int PageSize = 50;

    public static RouteGroupBuilder MapContactSyncPages(this RouteGroupBuilder pages)
    {
        pages.MapGet("/", RunsAsync);
        // Ids are read by RequestParameters, not a route constraint, so a malformed one is a 400 that says so, not a 404.
        pages.MapGet("/runs/{id}", RunAsync);
        pages.MapGet("/records", RecordsAsync);
        pages.MapGet("/records/{source}/{**key}", RecordAsync);
        pages.MapGet("/attention", AttentionAsync);
        pages.MapGet("/audit", AuditAsync);
        pages.MapGet("/plans/{id}", PlanAsync);
        return pages;
    }

    private static async Task<IResult> RunsAsync(
        HttpContext context, PageResults results, RunBrowser runs, RunDetails details, NexudusBudgetReader budget, TimeProvider time,
        IOptionsMonitor<ContactSyncOptions> options, CancellationToken cancellationToken)
    {
        var query = RequestParameters.FromQuery(context);
        var source = query.Source();
        var outcome = query.OneOf("outcome", RunOutcome.All);
        var fromDay = query.Day("from");
        var toDay = query.Day("to");
        var after = query.RunCursor("after");
        var notice = PageNotice.Read(query);
        if (query.Refusal is { } refused)
        {
            return refused;
        }

        var page = await runs.ReadAsync(
            new RunQuery(source, outcome, fromDay?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), toDay?.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), after, PageSize),
            cancellationToken);
        var now = time.GetUtcNow();
        var model = new RunsModel(
            page, source, outcome, fromDay?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), toDay?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            SourceNames(options), await details.DailyOutcomesAsync(30, now, cancellationToken), DateOnly.FromDateTime(now.UtcDateTime),
            await budget.ReadAsync(cancellationToken));
        return PageResults.Render<RunsView>(context, new { Frame = results.Frame(context, notice), Model = model });
    }

    private static async Task<IResult> RunAsync(
        HttpContext context, PageResults results, RunDetails details, NexudusBudgetReader budget, TimeProvider time, CancellationToken cancellationToken)
    {
        var path = RequestParameters.FromRoute(context);
        var id = path.Id("id") ?? Guid.Empty;
        var refusedQuery = NoticeOnly(context, out var notice);
        if ((path.Refusal ?? refusedQuery) is { } refused)
        {
            return refused;
        }

        if (await details.FindAsync(id, cancellationToken) is not { } detail)
        {
            return Results.NotFound();
        }

        var run = detail.Run;
        var progress = run.Outcome == RunOutcome.Running
            ? await details.ProgressAsync(id, run.Source, await budget.ReadAsync(cancellationToken), time.GetUtcNow(), cancellationToken)
            : null;
        var unkeyed = run.Unkeyed > 0 ? await details.UnkeyedAsync(id, run.Source, PageSize, cancellationToken) : [];
        var latestHeld = await details.LatestAsync(run.Source, cancellationToken) is ({ } latest, RunOutcome.Held) && latest == id;
        var model = new RunModel(detail, progress, unkeyed, latestHeld);
        return PageResults.Render<RunView>(context, new { Frame = results.Frame(context, notice), Model = model });
    }

    private static async Task<IResult> RecordsAsync(
        HttpContext context, PageResults results, RecordBrowser browser, IOptionsMonitor<ContactSyncOptions> options, CancellationToken cancellationToken)
    {
        var query = RequestParameters.FromQuery(context);
        var source = query.Source();
        var status = query.OneOf("status", RecordState.Browsable);
        var search = query.Text("q");
        var runId = query.Id("run");
        var after = query.RecordCursor("after");
        var notice = PageNotice.Read(query);
        if (query.Refusal is { } refused)
        {
            return refused;
        }

        var page = await browser.ReadAsync(new RecordQuery(source, status, search, runId, after, PageSize), cancellationToken);
        var model = new RecordsModel(page, source, status, search, runId, SourceNames(options), await browser.AttentionCountsAsync(cancellationToken));
        return PageResults.Render<RecordsView>(context, new { Frame = results.Frame(context, notice), Model = model });
    }

    private static async Task<IResult> RecordAsync(HttpContext context, PageResults results, RecordHistory history, CancellationToken cancellationToken)
    {
        // The address names a record as stored, so a source no longer configured still shows its history.
        var path = RequestParameters.FromRoute(context);
        var source = path.RequiredKey("source");
        var key = path.RequiredKey("key");
        var refusedQuery = NoticeOnly(context, out var notice);
        if ((path.Refusal ?? refusedQuery) is { } refused)
        {
            return refused;
        }

        if (await history.FindAsync(source!, key!, cancellationToken) is not { } detail)
        {
            return Results.NotFound();
        }

        var events = await history.EventsAsync(source!, key!, cancellationToken);
        return PageResults.Render<RecordView>(context, new { Frame = results.Frame(context, notice), Model = new RecordModel(detail, events) });
    }

    private static async Task<IResult> AttentionAsync(HttpContext context, PageResults results, AttentionQuery query, CancellationToken cancellationToken)
    {
        if (NoticeOnly(context, out var notice) is { } refused)
        {
            return refused;
        }

        var sources = await query.ReadAsync(AttentionQuery.PerSource, cancellationToken);
        return PageResults.Render<AttentionView>(context, new { Frame = results.Frame(context, notice), Model = sources });
    }

    private static async Task<IResult> AuditAsync(HttpContext context, PageResults results, AuditLog audit, CancellationToken cancellationToken)
    {
        var query = RequestParameters.FromQuery(context);
        var before = query.Number("before", 0, long.MaxValue);
        if (query.Refusal is { } refused)
        {
            return refused;
        }

        var page = await audit.ReadAsync(before, PageSize, cancellationToken);
        return PageResults.Render<AuditView>(context, new { Frame = results.Frame(context), Model = new AuditModel(page) });
    }

    private static async Task<IResult> PlanAsync(HttpContext context, PageResults results, DryRunPlans plans, CancellationToken cancellationToken)
    {
        var path = RequestParameters.FromRoute(context);
        var id = path.Id("id") ?? Guid.Empty;
        if (path.Refusal is { } refused)
        {
            return refused;
        }

        return await plans.FindAsync(id, cancellationToken) is { } plan
            ? PageResults.Render<PlanView>(context, new { Frame = results.Frame(context), Model = new PlanModel(plan) })
            : Results.NotFound();
    }

    /// <summary>The notice of a page whose query carries nothing else: <c>done</c>, <c>source</c> and <c>count</c>.</summary>
    private static IResult? NoticeOnly(HttpContext context, out string? notice)
    {
        var query = RequestParameters.FromQuery(context);
        notice = PageNotice.Read(query);
        return query.Refusal;
    }

    private static IReadOnlyList<string> SourceNames(IOptionsMonitor<ContactSyncOptions> options)
        => options.CurrentValue.Sources.Select(source => source.Name).ToList();
}
