using System.Text.Json.Serialization;
using System.Text.Json;
using ContactSync.Core.Ledger;
using ContactSync.Core.Runs;
using ContactSync.Core.Views;

namespace ContactSync.Worker.Dashboard.Api;

/// <summary>
/// The operator's view as JSON, for automation, under the dashboard's authorisation:
/// <c>GET /contactsync/api/runs?source=&amp;outcome=&amp;from=&amp;to=&amp;after=&amp;limit=</c> and
/// <c>GET /contactsync/api/records?source=&amp;status=&amp;q=&amp;run=&amp;after=&amp;limit=</c>, each answering
/// <c>{"total", "items", "next"}</c>. A parameter that does not parse is a 400 problem naming it. Items carry keys, states, reasons and times, never names or other personal data.
/// </summary>
internal static class ApiEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    private const int DefaultLimit = 50;

    public static RouteGroupBuilder MapContactSyncApi(this RouteGroupBuilder pages)
    {
        var api = pages.MapGroup("/api");
        api.MapGet("/records", RecordsAsync);
        api.MapGet("/runs", RunsAsync);
        return pages;
    }

    private static async Task<IResult> RecordsAsync(HttpContext context, RecordBrowser browser, CancellationToken cancellationToken)
    {
        var query = RequestParameters.FromQuery(context);
        var source = query.Source();
        var status = query.OneOf("status", RecordState.Browsable);
        var search = query.Text("q");
        var run = query.Id("run");
        var after = query.RecordCursor("after");
        var limit = Limit(query);
        return query.Refusal
            ?? Results.Json(await browser.ReadAsync(new RecordQuery(source, status, search, run, after, limit), cancellationToken), Json);
    }

    private static async Task<IResult> RunsAsync(HttpContext context, RunBrowser browser, CancellationToken cancellationToken)
    {
        var query = RequestParameters.FromQuery(context);
        var source = query.Source();
        var outcome = query.OneOf("outcome", RunOutcome.All);
        var from = query.Instant("from");
        var to = query.Instant("to");
        var after = query.RunCursor("after");
        var limit = Limit(query);
        return query.Refusal
            ?? Results.Json(await browser.ReadAsync(new RunQuery(source, outcome, from, to, after, limit), cancellationToken), Json);
    }

    private static int Limit(RequestParameters query) => (int)(query.Number("limit", 1, RecordBrowser.MaxLimit) ?? DefaultLimit);
}
