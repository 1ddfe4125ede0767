using System.Text.Json;
using System.Text.Json.Serialization;
using ContactSync.Core.State;

namespace ContactSync.Worker.Dashboard.Api;

/// <summary>
/// The operator's view as JSON, for automation, under the dashboard's authorisation:
/// <c>GET /contactsync/api/runs?source=&amp;outcome=&amp;from=&amp;to=&amp;after=&amp;limit=</c> and
/// <c>GET /contactsync/api/records?source=&amp;status=&amp;q=&amp;run=&amp;after=&amp;limit=</c>, each answering
/// <c>{"total", "items", "next"}</c>. Items carry keys, states, reasons and times, never names or other personal data.
/// </summary>
internal static class ApiEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static RouteGroupBuilder MapContactSyncApi(this RouteGroupBuilder pages)
    {
        var api = pages.MapGroup("/api");
        api.MapGet("/records", RecordsAsync);
        api.MapGet("/runs", RunsAsync);
        return pages;
    }

    private static async Task<IResult> RecordsAsync(
        string? source, string? status, string? q, string? run, string? after, int? limit, RecordBrowser browser, CancellationToken cancellationToken)
    {
        Guid? runId = null;
        if (!string.IsNullOrEmpty(run))
        {
            if (!Guid.TryParse(run, out var parsed))
            {
                return Problem("run must be a run id");
            }

            runId = parsed;
        }

        try
        {
            var page = await browser.ReadAsync(new RecordQuery(Empty(source), Empty(status), Empty(q), runId, Empty(after), limit ?? 50), cancellationToken);
            return Results.Json(page, Json);
        }
        catch (ArgumentException e)
        {
            return Problem(e.Message.Split(" (Parameter", 2)[0]);
        }
    }

    private static async Task<IResult> RunsAsync(
        string? source, string? outcome, DateTimeOffset? from, DateTimeOffset? to, string? after, int? limit, RunBrowser browser,
        CancellationToken cancellationToken)
    {
        try
        {
            var page = await browser.ReadAsync(new RunQuery(Empty(source), Empty(outcome), from, to, Empty(after), limit ?? 50), cancellationToken);
            return Results.Json(page, Json);
        }
        catch (ArgumentException e)
        {
            return Problem(e.Message.Split(" (Parameter", 2)[0]);
        }
    }

    private static string? Empty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static IResult Problem(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad query");
}
