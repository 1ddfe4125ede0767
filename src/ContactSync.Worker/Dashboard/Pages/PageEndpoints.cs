using System.Globalization;
using ContactSync.Core.Budget;
using ContactSync.Core.State;
using ContactSync.Core.Sync;
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
        pages.MapGet("/runs/{id:guid}", RunAsync);
        pages.MapGet("/records", RecordsAsync);
        pages.MapGet("/records/{source}/{**key}", RecordAsync);
        pages.MapGet("/attention", AttentionAsync);
        pages.MapGet("/audit", AuditAsync);
        pages.MapGet("/plans/{id:guid}", PlanAsync);
        return pages;
    }

    private static async Task<IResult> RunsAsync(
        HttpContext context, PageResults results, RunBrowser runs, RunDetails details, NexudusBudgetReader budget, TimeProvider time,
        IOptionsMonitor<ContactSyncOptions> options, string? source, string? outcome, string? from, string? to, string? after,
        CancellationToken cancellationToken)
    {
        source = Empty(source);
        outcome = Empty(outcome) is { } given && RunBrowser.Outcomes.Contains(given) ? given : null;
        if (!TryDay(from, out var fromDay) || !TryDay(to, out var toDay))
        {
            return Results.BadRequest("from and to are days: yyyy-MM-dd");
        }

        ResultPage<RunItem> page;
        try
        {
            page = await runs.ReadAsync(
                new RunQuery(source, outcome, fromDay?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), toDay?.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), Empty(after), PageSize),
                cancellationToken);
        }
        catch (ArgumentException)
        {
            return Results.BadRequest();
        }

        var now = time.GetUtcNow();
        var model = new RunsModel(
            page, source, outcome, fromDay?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), toDay?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            SourceNames(options), await details.DailyOutcomesAsync(30, now, cancellationToken), DateOnly.FromDateTime(now.UtcDateTime),
            await budget.ReadAsync(cancellationToken));
        return PageResults.Render<RunsView>(context, new { Frame = results.Frame(context, Notice(context)), Model = model });
    }

    private static async Task<IResult> RunAsync(
        HttpContext context, PageResults results, RunDetails details, NexudusBudgetReader budget, TimeProvider time, Guid id,
        CancellationToken cancellationToken)
    {
        if (await details.FindAsync(id, cancellationToken) is not { } detail)
        {
            return Results.NotFound();
        }

        var run = detail.Run;
        var progress = run.Outcome == "running"
            ? await details.ProgressAsync(id, run.Source, await budget.ReadAsync(cancellationToken), time.GetUtcNow(), cancellationToken)
            : null;
        var unkeyed = run.Unkeyed > 0 ? await details.UnkeyedAsync(id, run.Source, PageSize, cancellationToken) : [];
        var latestHeld = await details.LatestAsync(run.Source, cancellationToken) is ({ } latest, "held") && latest == id;
        var model = new RunModel(detail, progress, unkeyed, latestHeld);
        return PageResults.Render<RunView>(context, new { Frame = results.Frame(context, Notice(context)), Model = model });
    }

    private static async Task<IResult> RecordsAsync(
        HttpContext context, PageResults results, RecordBrowser browser, IOptionsMonitor<ContactSyncOptions> options,
        string? source, string? status, string? q, string? run, string? after, CancellationToken cancellationToken)
    {
        Guid? runId = null;
        if (Empty(run) is { } given)
        {
            if (!Guid.TryParse(given, out var parsed))
            {
                return Results.BadRequest("run must be a run id");
            }

            runId = parsed;
        }

        ResultPage<RecordItem> page;
        try
        {
            page = await browser.ReadAsync(new RecordQuery(Empty(source), Empty(status), Empty(q), runId, Empty(after), PageSize), cancellationToken);
        }
        catch (ArgumentException e)
        {
            return Results.BadRequest(e.Message.Split(" (Parameter", 2)[0]);
        }

        var sources = SourceNames(options);
        var model = new RecordsModel(page, Empty(source), Empty(status), Empty(q), runId, sources, await browser.AttentionCountsAsync(cancellationToken));
        return PageResults.Render<RecordsView>(context, new { Frame = results.Frame(context, Notice(context)), Model = model });
    }

    private static async Task<IResult> RecordAsync(
        HttpContext context, PageResults results, RecordHistory history, string source, string key, CancellationToken cancellationToken)
    {
        if (await history.FindAsync(source, key, cancellationToken) is not { } detail)
        {
            return Results.NotFound();
        }

        var events = await history.EventsAsync(source, key, cancellationToken);
        return PageResults.Render<RecordView>(context, new { Frame = results.Frame(context, Notice(context)), Model = new RecordModel(detail, events) });
    }

    private static async Task<IResult> AttentionAsync(HttpContext context, PageResults results, AttentionQuery query, CancellationToken cancellationToken)
    {
        var sources = await query.ReadAsync(AttentionQuery.PerSource, cancellationToken);
        return PageResults.Render<AttentionView>(context, new { Frame = results.Frame(context, Notice(context)), Model = sources });
    }

    private static async Task<IResult> AuditAsync(HttpContext context, PageResults results, AuditLog audit, string? before, CancellationToken cancellationToken)
    {
        long? beforeId = null;
        if (Empty(before) is { } given)
        {
            if (!long.TryParse(given, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                return Results.BadRequest();
            }

            beforeId = parsed;
        }

        var page = await audit.ReadAsync(beforeId, PageSize, cancellationToken);
        return PageResults.Render<AuditView>(context, new { Frame = results.Frame(context), Model = new AuditModel(page) });
    }

    private static async Task<IResult> PlanAsync(HttpContext context, PageResults results, DryRunPlans plans, Guid id, CancellationToken cancellationToken)
        => await plans.FindAsync(id, cancellationToken) is { } plan
            ? PageResults.Render<PlanView>(context, new { Frame = results.Frame(context), Model = new PlanModel(plan) })
            : Results.NotFound();

    /// <summary>What the action that redirected here did, from its counts (the query carries no free text).</summary>
    private static string? Notice(HttpContext context)
    {
        var query = context.Request.Query;
        string source = query["source"].ToString(), count = query["count"].ToString();
        return query["done"].ToString() switch
        {
            "retried" when int.TryParse(count, CultureInfo.InvariantCulture, out var requeued) =>
                string.Create(CultureInfo.InvariantCulture, $"{requeued} record(s) of {source} set back to pending; a run has been queued."),
            "run" => $"A run of {source} has been queued; it appears here when it starts.",
            "confirmed" => $"Removals of {source} confirmed; a run that removes them has been queued.",
            _ => null,
        };
    }

    private static IReadOnlyList<string> SourceNames(IOptionsMonitor<ContactSyncOptions> options)
        => options.CurrentValue.Sources.Select(source => source.Name).ToList();

    private static bool TryDay(string? value, out DateOnly? day)
    {
        day = null;
        if (Empty(value) is not { } given)
        {
            return true;
        }

        if (!DateOnly.TryParseExact(given, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return false;
        }

        day = parsed;
        return true;
    }

    private static string? Empty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
